package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import com.rushgate.local.template.WebAclSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerTest {

    private final GatewayResponses responses = new GatewayResponses(Map.of(
            "WAF_FILTERED", new GatewayResponseSpec(null, Map.of(), "{\"error\":\"$context.error.responseType\"}")));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aProxyResponse_givesItsStatusHeadersAndBody_multiValueHeadersWinning() {
        Answer answer = Answer.fromProxyResponse(bytes("{\"statusCode\":409,\"headers\":{\"Retry-After\":\"1\",\"X-A\":\"one\"},"
                + "\"multiValueHeaders\":{\"X-A\":[\"two\",\"three\"]},\"body\":\"{\\\"error\\\":1}\"}"), "r1", responses);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", List.of("1")),
                Map.entry("X-A", List.of("two", "three")));
        assertThat(text(answer)).isEqualTo("{\"error\":1}");
        assertThat(answer.requestId()).isEqualTo("r1");
    }

    @Test
    void aBase64Body_isDecoded_andNoBodyIsEmpty() {
        Answer encoded = Answer.fromProxyResponse(bytes("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\"}"),
                "r2", responses);
        Answer empty = Answer.fromProxyResponse(bytes("{\"statusCode\":204,\"body\":null}"), "r3", responses);

        assertThat(text(encoded)).isEqualTo("hi");
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void whatIsNotAProxyResponse_isAnIntegrationFailure() {
        assertThat(Answer.fromProxyResponse(bytes("not json"), "r4", responses).status()).isEqualTo(502);
        assertThat(Answer.fromProxyResponse(bytes("{\"statusCode\":\"soon\"}"), "r5", responses).status()).isEqualTo(502);
        assertThat(Answer.fromProxyResponse(bytes(""), "r6", responses).status()).isEqualTo(502);
    }

    @Test
    void aWafBlock_answersItsCustomResponse_elseTheGatewaysWafFilteredResponse() {
        WebAclSpec.Block custom = new WebAclSpec.Block(429, "application/json", "{\"slow\":true}",
                Map.of("x-amzn-waf-retry", "10"));
        WebAclSpec.Block plain = new WebAclSpec.Block(null, null, null, Map.of());

        Answer customAnswer = Answer.blocked(custom, "r7", responses);
        Answer plainAnswer = Answer.blocked(plain, "r8", responses);

        assertThat(customAnswer.status()).isEqualTo(429);
        assertThat(customAnswer.headers()).containsEntry("x-amzn-waf-retry", List.of("10"))
                .containsEntry("Content-Type", List.of("application/json"));
        assertThat(text(customAnswer)).isEqualTo("{\"slow\":true}");
        assertThat(plainAnswer.status()).isEqualTo(403);
        assertThat(text(plainAnswer)).isEqualTo("{\"error\":\"WAF_FILTERED\"}");
    }
}
