package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.BodyModel;
import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import com.rushgate.local.template.WebAclSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPartsTest {

    @Test
    void route_matchesPathTemplatesAndDecodesParameters() {
        Route route = new Route(new ApiRoute("Fn", "POST", "/events/{eventId}/participations", true));

        assertThat(route.match("/events/drop-1/participations")).isEqualTo(Map.of("eventId", "drop-1"));
        assertThat(route.match("/events/a%2Fb/participations")).isEqualTo(Map.of("eventId", "a/b"));
        assertThat(route.match("/events/x+y/participations")).isEqualTo(Map.of("eventId", "x+y"));
        assertThat(route.match("/events//participations")).isNull();
        assertThat(route.match("/events/a/b/participations")).isNull();
        assertThat(route.methodMatches("POST")).isTrue();
        assertThat(route.methodMatches("GET")).isFalse();
    }

    @Test
    void greedyParameter_takesTheRest() {
        Route route = new Route(new ApiRoute("Fn", "ANY", "/files/{path+}", false));

        assertThat(route.match("/files/a/b/c")).isEqualTo(Map.of("path", "a/b/c"));
        assertThat(route.methodMatches("DELETE")).isTrue();
    }

    @Test
    void tokenBucket_allowsTheBurstThenTheRate() {
        long second = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(second / 2)).isTrue();
        assertThat(bucket.tryTake(second / 2)).isFalse();
        assertThat(bucket.tryTake(10 * second)).isTrue();
    }

    @Test
    void gatewayResponses_useTheTypeThenTheDefaultThenApiGatewaysOwnBody() {
        GatewayResponses responses = new GatewayResponses(Map.of(
                "THROTTLED", new GatewayResponseSpec(null, Map.of("Retry-After", "1"), "{\"error\":{\"code\":\"SLOW\"}}"),
                "DEFAULT_4XX", new GatewayResponseSpec(null, Map.of(),
                        "{\"error\":{\"code\":\"$context.error.responseType\",\"message\":$context.error.messageString}}"),
                "MISSING_AUTHENTICATION_TOKEN", new GatewayResponseSpec(404, Map.of(), null)));

        Answer throttled = responses.answer("THROTTLED", 429, "Too Many Requests", "r1");
        Answer refused = responses.answer("BAD_REQUEST_BODY", 400, "Invalid \"body\"", "r2");
        Answer missing = responses.answer("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", "r3");
        Answer failed = responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", "r4");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsEntry("Retry-After", List.of("1"));
        assertThat(text(throttled)).isEqualTo("{\"error\":{\"code\":\"SLOW\"}}");
        assertThat(text(refused)).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST_BODY\",\"message\":\"Invalid \\\"body\\\"\"}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(text(failed)).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    @Test
    void bodyValidator_checksJsonBodiesOnly_andAbsentBodiesWhenRequired() {
        Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false,
                "properties", Map.of("clientRef", Map.of("type", "string", "maxLength", 3)));
        BodyValidator optional = new BodyValidator(new BodyModel("M", schema, false));
        BodyValidator required = new BodyValidator(new BodyModel("M", schema, true));

        assertThat(optional.check(bytes("{\"clientRef\":\"abc\"}"), "application/json; charset=utf-8")).isNull();
        assertThat(optional.check(bytes("{\"clientRef\":\"abcd\"}"), "application/json")).isNotNull();
        assertThat(optional.check(bytes("{\"other\":1}"), null)).isNotNull();
        assertThat(optional.check(bytes("{"), "application/json")).isEqualTo("the body is not JSON");
        assertThat(optional.check(bytes("anything"), "text/plain")).isNull();
        assertThat(optional.check(new byte[0], "application/json")).isNull();
        assertThat(required.check(new byte[0], "application/json")).isEqualTo("a body is required");
    }

    @Test
    void wafEmulator_blocksAKeyOverItsLimit_andLeavesOtherKeysAlone() {
        WebAclSpec.Block block = new WebAclSpec.Block(429, "application/json", "{}", Map.of());
        WebAclSpec.RateRule perUser = new WebAclSpec.RateRule("PerUser", 0, 3, 60, "authorization",
                request -> request.method().equals("POST"), block);
        WafEmulator waf = new WafEmulator(new WebAclSpec("Acl", List.of(perUser), List.of()));
        long now = 0;

        for (int i = 0; i < 3; i++) {
            assertThat(waf.evaluate(request("POST", "a"), now)).isEmpty();
        }
        assertThat(waf.evaluate(request("POST", "a"), now)).contains(block);
        assertThat(waf.evaluate(request("POST", "b"), now)).isEmpty();
        assertThat(waf.evaluate(request("GET", "a"), now)).isEmpty();
        assertThat(waf.evaluate(request("POST", null), now)).isEmpty();
        // 3 per 60 s: one request's worth comes back after 20 s.
        assertThat(waf.evaluate(request("POST", "a"), now + 20_000_000_000L)).isEmpty();
        assertThat(waf.evaluate(request("POST", "a"), now + 20_000_000_000L)).contains(block);
    }

    private static WebAclSpec.WafRequest request(String method, String authorization) {
        return new WebAclSpec.WafRequest("127.0.0.1", method, "/events/e/participations", null,
                name -> name.equalsIgnoreCase("authorization") ? authorization : null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
