package com.rushgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.e2e.Api.Reply;
import com.rushgate.e2e.targets.Target;
import com.rushgate.e2e.targets.Targets;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What bots and careless clients send, over HTTP: forged and broken tokens, hostile path segments,
 * malformed bodies, wrong content types, oversized headers. Every case must end in a clear 4xx with
 * a JSON error body, never a 5xx or a stack trace, and must store nothing. Tokens that only the
 * issuer's own key can forge (a wrong claim, an expired token) and one participant hammering the
 * web ACL's per-token rule are the local stack's: {@code LocalEdgeIT} in local/stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "software.amazon", "com.rushgate");

    private Target target;
    private Api api;
    private String eventId;
    private long storedBefore;

    @BeforeAll
    void start() {
        target = Targets.current();
        api = new Api(target);
        eventId = target.tables().openFcfs("hostile", 5);
    }

    @BeforeEach
    void countWhatIsStored() {
        storedBefore = target.tables().storedRequests();
    }

    // ------------------------------------------------------------------ tokens

    static Stream<Arguments> forgedTokens() {
        return Stream.of(
                Arguments.of("no header", (Function<Forgeries, String>) f -> null),
                Arguments.of("empty bearer", (Function<Forgeries, String>) f -> "Bearer "),
                Arguments.of("basic credentials", (Function<Forgeries, String>) f -> "Basic dXNlcjpwYXNzd29yZA=="),
                Arguments.of("three garbage segments", (Function<Forgeries, String>) f -> "Bearer abc.def.ghi"),
                Arguments.of("not base64", (Function<Forgeries, String>) f -> "Bearer %%%.%%%.%%%"),
                Arguments.of("alg none", (Function<Forgeries, String>) Forgeries::algNone),
                Arguments.of("HS256 keyed with the public key", (Function<Forgeries, String>) Forgeries::hmacWithPublicKey),
                Arguments.of("signed by another key", (Function<Forgeries, String>) Forgeries::strangerKey),
                Arguments.of("signature cut off", (Function<Forgeries, String>) Forgeries::signatureCutOff),
                Arguments.of("payload swapped", (Function<Forgeries, String>) Forgeries::payloadSwapped));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedOrBrokenTokens_are401_andStoreNothing(String name, Function<Forgeries, String> token) {
        String authorization = token.apply(Forgeries.of(target.participants(), "mallory"));

        Reply reply = post("/events/" + eventId + "/participations", authorization, null, null);

        assertClearError(reply, 401, "UNAUTHORIZED");
        assertNothingStored();
    }

    // ------------------------------------------------------------------ paths

    static Stream<String> hostileIds() {
        return Stream.of(
                "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "a%5Cb", "%252F", "a%00b", "a%0Ab",
                "a%0D%0ASet-Cookie:%20x=1", "x".repeat(2000), "%D0%B5vent" /* Cyrillic e */,
                "%EF%BD%85%EF%BD%96" /* fullwidth ev */, "a%E2%80%AEb" /* right-to-left override */,
                "%F0%9F%8E%9F", "%7B%22%24gt%22%3A%22%22%7D" /* {"$gt":""} */, "attribute_exists(eventId)",
                "%23s%20%3D%20%3Av", "1'%20OR%20'1'%3D'1", "*", "a%20b", "%C0%AE%C0%AE");
    }

    @ParameterizedTest(name = "eventId {0}")
    @MethodSource("hostileIds")
    void hostileEventIds_areRefusedClearly(String rawId) {
        Reply reply = post("/events/" + rawId + "/participations", api.bearer("mallory"), null, null);

        assertClearError(reply, Refusals.statuses(target, 400, 404, 413));
        assertNothingStored();
    }

    @ParameterizedTest(name = "requestId {0}")
    @MethodSource("hostileIds")
    void hostileRequestIds_areRefusedClearly(String rawId) {
        Reply reply = api.send(HttpRequest.newBuilder(api.uri("/requests/" + rawId))
                .header("Authorization", api.bearer("mallory")).GET());

        assertClearError(reply, Refusals.statuses(target, 400, 404, 413));
        assertNothingStored();
    }

    @ParameterizedTest(name = "raw path {0}")
    @ValueSource(strings = {"/events/%ZZ/participations", "/events/%/participations",
        "/events/a%2/participations", "/requests/%E0%A4%A"})
    void malformedEscapes_are400(String rawPath) {
        // Java's HTTP client refuses to send these, so they go over a socket.
        Reply reply = api.raw("POST", rawPath, api.bearer("mallory"));

        assertClearError(reply, Refusals.statuses(target, 400));
        assertNothingStored();
    }

    @Test
    void otherMethodsOnTheParticipationRoute_areAnsweredAsAMissingToken() {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            Reply reply = api.send(HttpRequest.newBuilder(api.uri("/events/" + eventId + "/participations"))
                    .header("Authorization", api.bearer("mallory"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));

            assertClearError(reply, 403, "MISSING_AUTHENTICATION_TOKEN");
        }
        assertNothingStored();
    }

    // ------------------------------------------------------------------ bodies and content types

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{", "application/json", 400),
                Arguments.of("array", "[]", "application/json", 400),
                Arguments.of("string", "\"me\"", "application/json", 400),
                Arguments.of("number", "42", "application/json", 400),
                Arguments.of("JSON null", "null", "application/json", 400),
                Arguments.of("someone else's userId", "{\"userId\":\"victim\"}", "application/json", 400),
                Arguments.of("clientRef a number", "{\"clientRef\":5}", "application/json", 400),
                Arguments.of("clientRef null", "{\"clientRef\":null}", "application/json", 400),
                Arguments.of("clientRef empty", "{\"clientRef\":\"\"}", "application/json", 400),
                Arguments.of("clientRef too long", "{\"clientRef\":\"" + "r".repeat(129) + "\"}", "application/json", 400),
                Arguments.of("clientRef control character", "{\"clientRef\":\"a\\u0000b\"}", "application/json", 400),
                Arguments.of("clientRef not ASCII", "{\"clientRef\":\"caf\u00e9\"}", "application/json", 400),
                Arguments.of("clientRef an operator", "{\"clientRef\":{\"$gt\":\"\"}}", "application/json", 400),
                Arguments.of("deep arrays", "[".repeat(50_000) + "]".repeat(50_000), "application/json", 400),
                Arguments.of("deep objects", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000), "application/json", 400),
                Arguments.of("nested in clientRef", "{\"clientRef\":" + "[".repeat(500) + "]".repeat(500) + "}",
                        "application/json", 400),
                Arguments.of("padded past 4 KB", "{\"clientRef\":\"a\"," + "\"p\":\"" + "x".repeat(5000) + "\"}",
                        "application/json", 400),
                Arguments.of("plain text", "{\"clientRef\":\"a\"}", "text/plain", 415),
                Arguments.of("XML", "<clientRef>a</clientRef>", "application/xml", 415),
                Arguments.of("form", "clientRef=a", "application/x-www-form-urlencoded", 415),
                Arguments.of("latin-1 JSON", "{\"clientRef\":\"a\"}", "application/json; charset=iso-8859-1", 415),
                Arguments.of("JSON without a content type", "{\"clientRef\":\"a\"}", null, 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodies_areRefusedWithAClearError(String name, String body, String contentType, int status) {
        Reply reply = post("/events/" + eventId + "/participations", api.bearer("mallory"), body, contentType);

        assertClearError(reply, Refusals.statuses(target, status));
        assertNothingStored();
    }

    @Test
    void invalidUtf8_isRefused() {
        byte[] body = {'{', '"', 'c', 'l', 'i', 'e', 'n', 't', 'R', 'e', 'f', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Reply reply = api.send(HttpRequest.newBuilder(api.uri("/events/" + eventId + "/participations"))
                .header("Authorization", api.bearer("mallory"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertClearError(reply, Refusals.statuses(target, 400));
        assertNothingStored();
    }

    @Test
    void bodyOverTheApiLimit_is413() {
        String body = "{\"clientRef\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        Reply reply = post("/events/" + eventId + "/participations", api.bearer("mallory"), body, "application/json");

        assertRefusedClearly(reply, 413, "REQUEST_TOO_LARGE");
        assertNothingStored();
    }

    @Test
    void hugeHeaders_are413() {
        Reply oneHuge = api.send(HttpRequest.newBuilder(api.uri("/events/" + eventId + "/participations"))
                .header("Authorization", api.bearer("mallory"))
                .header("X-Padding", "p".repeat(64 * 1024))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpRequest.Builder many = HttpRequest.newBuilder(api.uri("/events/" + eventId + "/participations"))
                .header("Authorization", api.bearer("mallory"))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < 150; i++) {
            many.header("X-Many-" + i, "v".repeat(100));
        }
        Reply manyHeaders = api.send(many);
        Reply hugeToken = post("/events/" + eventId + "/participations", "Bearer " + "t".repeat(12 * 1024), null, null);

        assertClearError(oneHuge, 413, "REQUEST_TOO_LARGE");
        assertClearError(manyHeaders, 413, "REQUEST_TOO_LARGE");
        assertClearError(hugeToken, 413, "REQUEST_TOO_LARGE");
        assertNothingStored();
    }

    // ------------------------------------------------------------------ helpers

    private Reply post(String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return api.send(request);
    }

    private void assertRefusedClearly(Reply reply, int status, String code) {
        assertClearError(reply, Refusals.statuses(target, status));
        Refusals.assertRefused(target, reply, status, code);
    }

    private static void assertClearError(Reply reply, int status, String code) {
        assertClearError(reply, List.of(status));
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
    }

    private static void assertClearError(Reply reply, List<Integer> statuses) {
        assertThat(reply.status()).as(reply.body()).isIn(statuses);
        assertThat(reply.header("Content-Type")).as("Content-Type").startsWith("application/json");
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asText()).as(reply.body()).matches("[A-Z_]+");
        assertThat(error.path("message").asText()).as(reply.body()).isNotBlank();
        assertThat(reply.body()).doesNotContain(LEAKS);
    }

    private void assertNothingStored() {
        assertThat(target.tables().storedRequests()).as("items in the request table").isEqualTo(storedBefore);
    }
}
