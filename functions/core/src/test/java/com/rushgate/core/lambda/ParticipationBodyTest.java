package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipationBodyTest {

    private static APIGatewayProxyRequestEvent withBody(String body, String contentType) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withBody(body);
        if (contentType != null) {
            event.setHeaders(Map.of("content-type", contentType));
        }
        return event;
    }

    private static ErrorCode refusal(APIGatewayProxyRequestEvent event) {
        try {
            ParticipationBody.clientRef(event);
        } catch (ClientException e) {
            return e.code();
        }
        throw new AssertionError("the body was accepted");
    }

    @Test
    void absentOrBlankBody_hasNoClientRef() {
        assertThat(ParticipationBody.clientRef(withBody(null, null))).isNull();
        assertThat(ParticipationBody.clientRef(withBody("  ", null))).isNull();
    }

    @Test
    void jsonObject_withClientRef_isRead() {
        assertThat(ParticipationBody.clientRef(withBody("{\"clientRef\":\"order-1\"}", "application/json; charset=UTF-8")))
                .isEqualTo("order-1");
        assertThat(ParticipationBody.clientRef(withBody("{}", "application/json"))).isNull();
    }

    @Test
    void base64Body_isDecodedFirst() {
        String encoded = Base64.getEncoder().encodeToString("{\"clientRef\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        APIGatewayProxyRequestEvent event = withBody(encoded, "application/json").withIsBase64Encoded(true);

        assertThat(ParticipationBody.clientRef(event)).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null", "{", "{\"clientRef\":1}", "{\"other\":\"x\"}",
            "{\"clientRef\":\"a\",\"clientRef\":\"b\"}", "{} {}", "{\"clientRef\":{\"$gt\":\"\"}}",
            "{\"clientRef\":null}"})
    void anythingButTheExpectedObject_isInvalid(String body) {
        assertThat(refusal(withBody(body, "application/json"))).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void deeplyNestedJson_isInvalidWithoutBuildingIt() {
        String deep = "{\"clientRef\":" + "[".repeat(500) + "]".repeat(500) + "}";

        assertThat(refusal(withBody(deep, "application/json"))).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void bodyOverFourKilobytes_isTooLarge() {
        String big = "{\"clientRef\":\"" + "x".repeat(5000) + "\"}";

        assertThat(refusal(withBody(big, "application/json"))).isEqualTo(ErrorCode.BODY_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
            "application/jsonx"})
    void wrongContentType_isUnsupported(String contentType) {
        assertThat(refusal(withBody("{}", contentType))).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void bodyWithoutContentType_isUnsupported() {
        assertThat(refusal(withBody("{}", null))).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void invalidUtf8_isInvalid() {
        byte[] bad = {'{', '"', 'c', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        APIGatewayProxyRequestEvent event = withBody(Base64.getEncoder().encodeToString(bad), "application/json")
                .withIsBase64Encoded(true);

        assertThat(refusal(event)).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void invalidBase64_isInvalid() {
        assertThatThrownBy(() -> ParticipationBody.clientRef(withBody("%%%", "application/json").withIsBase64Encoded(true)))
                .isInstanceOf(ClientException.class);
    }
}
