package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.BodyModel;
import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import com.rushgate.local.template.StackModel.RouteAuth;
import com.rushgate.local.template.WebAclSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order of API Gateway's checks, without a server: each refusal comes before what follows it. */
class ApiStageTest {

    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTICIPATE = "/events/drop-1/participations";
    private static final String RESTOCK = "/admin/events/drop-1/restock";
    private static final String REGION = "us-east-1";
    private static final OperatorKey OPERATOR = new OperatorKey("AKIALOCALOPERATOR234", "operator-secret");
    private static RSAKey key;

    private final MutableClock clock = MutableClock.at("2026-11-24T05:14:05Z");
    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, FakeFunction> functions = new LinkedHashMap<>();

    /** A function that answers what it is told and keeps every event it gets. */
    private static final class FakeFunction implements Invoker {
        final List<JsonNode> events = new ArrayList<>();
        Invocation answer = new Invocation(bytes("{\"statusCode\":202,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"{\\\"status\\\":\\\"QUEUED\\\"}\"}"), null, false, Duration.ZERO);

        @Override
        public Invocation invoke(byte[] payload) {
            try {
                events.add(JSON.readTree(payload));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return answer;
        }
    }

    @BeforeAll
    static void key() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    private ApiStage stage(double stageRate, int stageBurst, WebAclSpec webAcl) {
        functions.put("Ingest", new FakeFunction());
        functions.put("EventInfo", new FakeFunction());
        functions.put("Admin", new FakeFunction());
        Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false,
                "properties", Map.of("clientRef", Map.of("type", "string", "maxLength", 3)));
        List<ApiRoute> routes = List.of(
                new ApiRoute("Ingest", "POST", "/events/{eventId}/participations", true, new BodyModel("M", schema, false)),
                new ApiRoute("EventInfo", "GET", "/events/{eventId}", false),
                new ApiRoute("Admin", "POST", "/admin/events/{eventId}/restock", RouteAuth.AWS_IAM,
                        new BodyModel("Units", Map.of("type", "object", "required", List.of("units")), false)));
        ApiSpec api = new ApiSpec("Api", "v1", stageRate, stageBurst, ISSUER, List.of("client"), List.of(),
                Map.of("INVALID_SIGNATURE", new GatewayResponseSpec(null, Map.of(),
                        "{\"message\":$context.error.messageString,\"error\":{\"code\":\"INVALID_SIGNATURE\"}}")));
        TokenVerifier verifier = new TokenVerifier(key.toPublicJWK(), ISSUER, List.of("client"), clock);
        SigV4Verifier iam = new SigV4Verifier(OPERATOR, REGION, clock);
        return new ApiStage(api, routes, webAcl, functions::get, verifier, iam, 0, 0, nanos::get, clock);
    }

    private ApiStage stage() {
        return stage(0, 0, null);
    }

    private String token() {
        return "Bearer " + new LocalIssuer(key, ISSUER, List.of("client"), clock).token("alice", Duration.ofHours(1));
    }

    private static IncomingRequest request(String method, String rawPath, String authorization, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        return new IncomingRequest(method, rawPath, null, headers, bytes(body), "203.0.113.7", "127.0.0.1:8080",
                "HTTP/1.1");
    }

    /** A request to the admin route signed with {@code key} by the SDK's signer, as the command line sends it. */
    private IncomingRequest signed(OperatorKey key, String body) {
        URI uri = URI.create("http://127.0.0.1:8080" + RESTOCK + "?dryRun=true&note=a%20b");
        Map<String, List<String>> headers = new SigV4Signing(REGION, clock).sign("POST", uri,
                Map.of("Content-Type", List.of("application/json")), bytes(body), SigV4Signing.credentials(key));
        return new IncomingRequest("POST", uri.getRawPath(), uri.getRawQuery(), headers, bytes(body), "203.0.113.7",
                "127.0.0.1:8080", "HTTP/1.1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aRequestThatPassesEveryCheck_reachesItsFunction_andGetsItsProxyResponse() throws IOException {
        ApiStage stage = stage();

        Answer answer = stage.answer(request("post", PARTICIPATE, token(), "{\"clientRef\":\"abc\"}"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers()).containsEntry("Content-Type", List.of("application/json"));
        assertThat(text(answer)).isEqualTo("{\"status\":\"QUEUED\"}");
        assertThat(functions.get("Ingest").events).singleElement().satisfies(event -> {
            assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
            assertThat(event.at("/pathParameters/eventId").asText()).isEqualTo("drop-1");
            assertThat(event.at("/requestContext/authorizer/claims/sub").asText()).isEqualTo("alice");
            assertThat(event.at("/requestContext/stage").asText()).isEqualTo("v1");
            assertThat(event.at("/requestContext/requestId").asText()).isEqualTo(answer.requestId());
        });
    }

    @Test
    void anUnknownPathOrMethod_isAnsweredAsAMissingToken() throws IOException {
        ApiStage stage = stage();

        Answer unknownPath = stage.answer(request("GET", "/nothing", null, ""));
        Answer unknownMethod = stage.answer(request("DELETE", PARTICIPATE, token(), ""));

        assertThat(unknownPath.status()).isEqualTo(403);
        assertThat(text(unknownPath)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(unknownPath.headers()).containsEntry("x-amzn-ErrorType", List.of("MissingAuthenticationTokenException"));
        assertThat(unknownMethod.status()).isEqualTo(403);
        assertThat(functions.get("Ingest").events).isEmpty();
    }

    @Test
    void aMalformedEscapeInAPathParameter_isABadRequest() throws IOException {
        assertThat(stage().answer(request("GET", "/events/%zz", null, "")).status()).isEqualTo(400);
    }

    @Test
    void theWaf_blocksBeforeAnythingElse_evenAnUnknownPath() throws IOException {
        WebAclSpec.Block block = new WebAclSpec.Block(429, "application/json", "{\"blocked\":true}", Map.of());
        WebAclSpec acl = new WebAclSpec("Acl", List.of(new WebAclSpec.RateRule("PerIp", 0, 1, 60, null, null, block)),
                List.of());
        ApiStage stage = stage(0, 0, acl);

        Answer first = stage.answer(request("GET", "/nothing", null, ""));
        Answer second = stage.answer(request("GET", "/nothing", null, ""));

        assertThat(first.status()).isEqualTo(403);
        assertThat(second.status()).isEqualTo(429);
        assertThat(text(second)).isEqualTo("{\"blocked\":true}");
    }

    @Test
    void theThrottle_comesBeforeTheAuthorizer_whichComesBeforeTheBodyModel() throws IOException {
        ApiStage stage = stage(1, 2, null);

        Answer noToken = stage.answer(request("POST", PARTICIPATE, null, "{\"clientRef\":\"too long\"}"));
        Answer badBody = stage.answer(request("POST", PARTICIPATE, token(), "{\"clientRef\":\"too long\"}"));
        Answer throttled = stage.answer(request("POST", PARTICIPATE, null, "{\"clientRef\":\"too long\"}"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        Answer aSecondLater = stage.answer(request("POST", PARTICIPATE, token(), "{\"clientRef\":\"ok\"}"));

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(aSecondLater.status()).isEqualTo(202);
        assertThat(functions.get("Ingest").events).hasSize(1);
    }

    @Test
    void tooMuchHeaderOrBody_isRequestTooLong() throws IOException {
        ApiStage stage = stage();
        IncomingRequest bigHeader = new IncomingRequest("GET", "/events/drop-1", null,
                Map.of("X-Padding", List.of("x".repeat(ApiStage.MAX_HEADER_BYTES))), new byte[0], "203.0.113.7",
                "127.0.0.1:8080", "HTTP/1.1");
        IncomingRequest bigBody = new IncomingRequest("POST", PARTICIPATE, null, Map.of(),
                new byte[ApiStage.MAX_BODY_BYTES + 1], "203.0.113.7", "127.0.0.1:8080", "HTTP/1.1");

        assertThat(stage.answer(bigHeader).status()).isEqualTo(413);
        assertThat(stage.answer(bigBody).status()).as("measured before the token is looked at").isEqualTo(413);
    }

    @Test
    void whatGoesWrongInTheFunction_isA429WhenLambdaThrottles_elseA502() throws IOException {
        ApiStage stage = stage();
        FakeFunction info = functions.get("EventInfo");

        info.answer = Invocation.throttled();
        Answer throttled = stage.answer(request("GET", "/events/drop-1", null, ""));
        info.answer = new Invocation(bytes("{\"errorType\":\"java.lang.IllegalStateException\"}"),
                "java.lang.IllegalStateException", false, Duration.ZERO);
        Answer failed = stage.answer(request("GET", "/events/drop-1", null, ""));
        info.answer = new Invocation(bytes("{\"body\":\"no status\"}"), null, false, Duration.ZERO);
        Answer malformed = stage.answer(request("GET", "/events/drop-1", null, ""));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(malformed.status()).isEqualTo(502);
        assertThat(info.events).hasSize(3);
    }

    @Test
    void aSignedRequestOfAnIamRoute_reachesItsFunction_withTheCallerInTheIdentity() throws IOException {
        ApiStage stage = stage();

        Answer answer = stage.answer(signed(OPERATOR, "{\"units\":5}"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(functions.get("Admin").events).singleElement().satisfies(event -> {
            assertThat(event.at("/requestContext/identity/accessKey").asText()).isEqualTo(OPERATOR.accessKeyId());
            assertThat(event.at("/requestContext/identity/userArn").asText())
                    .isEqualTo("arn:aws:iam::000000000000:user/rushgate-local-operator");
            assertThat(event.at("/requestContext/identity/caller").asText()).isEqualTo("AIDALOCALOPERATOR234");
            assertThat(event.at("/requestContext/authorizer").isMissingNode()).isTrue();
            assertThat(event.at("/queryStringParameters/note").asText()).isEqualTo("a b");
        });
    }

    @Test
    void anUnsignedRequestOfAnIamRoute_isAMissingToken_evenWithABearerTokenItIsIncomplete() throws IOException {
        ApiStage stage = stage();

        Answer unsigned = stage.answer(request("POST", RESTOCK, null, "{\"units\":5}"));
        Answer bearer = stage.answer(request("POST", RESTOCK, token(), "{\"units\":5}"));

        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.headers()).containsEntry("x-amzn-ErrorType", List.of("MissingAuthenticationTokenException"));
        assertThat(text(unsigned)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(bearer.status()).isEqualTo(403);
        assertThat(bearer.headers()).containsEntry("x-amzn-ErrorType", List.of("IncompleteSignatureException"));
        assertThat(functions.get("Admin").events).isEmpty();
    }

    @Test
    void aBadOrExpiredSignature_isAnInvalidSignature_shapedByTheGatewayResponse() throws IOException {
        ApiStage stage = stage();
        IncomingRequest wrongKey = signed(new OperatorKey(OPERATOR.accessKeyId(), "not-the-secret"), "{\"units\":5}");
        IncomingRequest unknownKey = signed(new OperatorKey("AKIAUNKNOWN", "x"), "{\"units\":5}");
        IncomingRequest old = signed(OPERATOR, "{\"units\":5}");

        Answer bad = stage.answer(wrongKey);
        Answer unknown = stage.answer(unknownKey);
        clock.advance(Duration.ofMinutes(16));
        Answer expired = stage.answer(old);

        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.headers()).containsEntry("x-amzn-ErrorType", List.of("InvalidSignatureException"));
        assertThat(text(bad)).startsWith("{\"message\":\"The request signature we calculated does not match")
                .endsWith(",\"error\":{\"code\":\"INVALID_SIGNATURE\"}}");
        assertThat(unknown.headers()).containsEntry("x-amzn-ErrorType", List.of("UnrecognizedClientException"));
        assertThat(text(unknown)).contains("The security token included in the request is invalid.");
        assertThat(text(expired)).contains("Signature expired");
        assertThat(functions.get("Admin").events).isEmpty();
    }

    @Test
    void onAnIamRoute_theThrottleComesBeforeTheSignature_whichComesBeforeTheBodyModel() throws IOException {
        ApiStage stage = stage(1, 2, null);

        Answer unsignedBadBody = stage.answer(request("POST", RESTOCK, null, "{}"));
        Answer signedBadBody = stage.answer(signed(OPERATOR, "{}"));
        Answer throttled = stage.answer(signed(OPERATOR, "{\"units\":5}"));

        assertThat(unsignedBadBody.status()).isEqualTo(403);
        assertThat(signedBadBody.status()).isEqualTo(400);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(functions.get("Admin").events).isEmpty();
    }
}
