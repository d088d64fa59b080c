package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.it.ApiClient.Reply;
import com.rushgate.local.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What bots and careless clients send, over HTTP against a local stack of its own: forged and
 * broken tokens, hostile path segments, malformed bodies, wrong content types, oversized headers,
 * and one participant hammering an event. Every case must end in a clear 4xx with a JSON error
 * body, never a 5xx or a stack trace, and must store nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "software.amazon", "com.rushgate");

    private LocalStack stack;
    private ApiClient api;
    private String eventId;
    private long storedBefore;
    private long ingestBefore;

    @BeforeAll
    void start() {
        stack = TestStacks.start(Map.of());
        api = new ApiClient(stack);
        eventId = SharedStack.openFcfs(stack, "hostile", 5);
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @BeforeEach
    void countWhatIsStored() {
        storedBefore = stored();
        ingestBefore = stack.function("IngestFunction").invocations();
    }

    // ------------------------------------------------------------------ tokens

    static Stream<Arguments> forgedTokens() {
        return Stream.of(
                Arguments.of("no header", (Function<Tokens, String>) t -> null),
                Arguments.of("empty bearer", (Function<Tokens, String>) t -> "Bearer "),
                Arguments.of("basic credentials", (Function<Tokens, String>) t -> "Basic dXNlcjpwYXNzd29yZA=="),
                Arguments.of("three garbage segments", (Function<Tokens, String>) t -> "Bearer abc.def.ghi"),
                Arguments.of("not base64", (Function<Tokens, String>) t -> "Bearer %%%.%%%.%%%"),
                Arguments.of("alg none", (Function<Tokens, String>) Tokens::algNone),
                Arguments.of("HS256 keyed with the public key", (Function<Tokens, String>) Tokens::hmacWithPublicKey),
                Arguments.of("signed by another key", (Function<Tokens, String>) Tokens::strangerKey),
                Arguments.of("wrong issuer", (Function<Tokens, String>) t -> t.signed(c -> c.issuer("https://evil.example"))),
                Arguments.of("wrong audience", (Function<Tokens, String>) t -> t.signed(c -> c.audience("someone-else"))),
                Arguments.of("access token", (Function<Tokens, String>) t -> t.signed(c -> c.claim("token_use", "access"))),
                Arguments.of("expired", (Function<Tokens, String>) t -> t.signed(
                        c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5))))),
                Arguments.of("not yet valid", (Function<Tokens, String>) t -> t.signed(
                        c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600))))),
                Arguments.of("no subject", (Function<Tokens, String>) t -> t.signed(c -> c.subject(null))),
                Arguments.of("signature cut off", (Function<Tokens, String>) t -> {
                    String token = t.signed(c -> c);
                    return token.substring(0, token.lastIndexOf('.') + 1);
                }),
                Arguments.of("payload swapped", (Function<Tokens, String>) Tokens::payloadSwapped));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedOrBrokenTokens_are401_beforeAnyFunctionRuns(String name, Function<Tokens, String> token) {
        String authorization = token.apply(new Tokens(stack));

        Reply reply = post("/events/" + eventId + "/participations", authorization, null, null);

        assertClearError(reply, 401, "UNAUTHORIZED");
        assertThat(stack.function("IngestFunction").invocations()).isEqualTo(ingestBefore);
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
        Reply reply = post("/events/" + rawId + "/participations", "Bearer " + api.token("mallory"), null, null);

        assertClearError(reply, List.of(400, 404, 413));
        assertNothingStored();
    }

    @ParameterizedTest(name = "requestId {0}")
    @MethodSource("hostileIds")
    void hostileRequestIds_areRefusedClearly(String rawId) {
        Reply reply = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/requests/" + rawId))
                .header("Authorization", "Bearer " + api.token("mallory")).GET());

        assertClearError(reply, List.of(400, 404, 413));
        assertNothingStored();
    }

    @ParameterizedTest(name = "raw path {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/events/%ZZ/participations", "/events/%/participations",
        "/events/a%2/participations", "/requests/%E0%A4%A"})
    void malformedEscapes_are400(String rawPath) throws Exception {
        // Java's HTTP client refuses to send these, so they go over a plain socket.
        Reply reply = raw("POST " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + api.token("mallory") + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertClearError(reply, List.of(400));
        assertNothingStored();
    }

    @Test
    void otherMethodsOnTheParticipationRoute_areNotFound() {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            Reply reply = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/events/" + eventId + "/participations"))
                    .header("Authorization", "Bearer " + api.token("mallory"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));

            assertClearError(reply, 404, "ROUTE_NOT_FOUND");
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
        Reply reply = post("/events/" + eventId + "/participations", "Bearer " + api.token("mallory"), body, contentType);

        assertClearError(reply, List.of(status));
        assertNothingStored();
    }

    @Test
    void invalidUtf8_isRefused() {
        byte[] body = {'{', '"', 'c', 'l', 'i', 'e', 'n', 't', 'R', 'e', 'f', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Reply reply = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + api.token("mallory"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertClearError(reply, List.of(400));
        assertNothingStored();
    }

    @Test
    void bodyOverTheApiLimit_is413() {
        String body = "{\"clientRef\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        Reply reply = post("/events/" + eventId + "/participations", "Bearer " + api.token("mallory"), body,
                "application/json");

        assertClearError(reply, 413, "REQUEST_TOO_LARGE");
        assertNothingStored();
    }

    @Test
    void hugeHeaders_are413() {
        Reply oneHuge = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + api.token("mallory"))
                .header("X-Padding", "p".repeat(64 * 1024))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpRequest.Builder many = HttpRequest.newBuilder(URI.create(api.base() + "/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + api.token("mallory"))
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

    // ------------------------------------------------------------------ one participant hammering

    @Test
    void oneUserHammering_gets429_andOtherUsersAreUnaffected() throws Exception {
        String hammered = SharedStack.openFcfs(stack, "hammered", 50);
        String token = api.token("hammer");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> hammering = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                hammering.add(CompletableFuture.supplyAsync(
                        () -> post("/events/" + hammered + "/participations", "Bearer " + token, null, null), clients));
            }
            List<Reply> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(api.participate(hammered, "bystander-" + i));
            }
            List<Reply> replies = hammering.stream().map(CompletableFuture::join).toList();

            assertThat(replies).extracting(Reply::status).isSubsetOf(200, 202, 409, 429).contains(429);
            replies.stream().filter(r -> r.status() == 429)
                    .forEach(r -> assertThat(r.errorCode()).isEqualTo("TOO_MANY_REQUESTS"));
            assertThat(replies).filteredOn(r -> r.status() == 202).hasSize(1);
            assertThat(others).extracting(Reply::status).containsOnly(202);
            assertThat(Tables.requestsOf(stack, hammered)).hasSize(6);
        } finally {
            clients.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private Reply post(String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return api.send(request);
    }

    /** Sends bytes as they are and reads the answer as the client above would. */
    private Reply raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.computeIfAbsent(head[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(head[i].substring(colon + 1).trim());
            }
            return new Reply(status, answer.substring(end + 4), new RawResponse(status, headers, api.base()));
        }
    }

    /** Just enough of an HttpResponse for the assertions, from a raw answer. */
    private record RawResponse(int statusCode, Map<String, List<String>> headerMap, URI uri)
            implements java.net.http.HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public String body() {
            return null;
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }

    private static void assertClearError(Reply reply, int status, String code) {
        assertClearError(reply, List.of(status));
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
    }

    private static void assertClearError(Reply reply, List<Integer> statuses) {
        assertThat(reply.status()).as(reply.body()).isIn(statuses);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asText()).as(reply.body()).matches("[A-Z_]+");
        assertThat(error.path("message").asText()).as(reply.body()).isNotBlank();
        assertThat(reply.body()).doesNotContain(LEAKS);
    }

    private void assertNothingStored() {
        assertThat(stored()).as("items in the request table").isEqualTo(storedBefore);
    }

    /** Items in every table a participation writes to (events are created by the tests themselves). */
    private long stored() {
        long total = 0;
        for (String variable : List.of("REQUEST_TABLE")) {
            String table = stack.model().functionVariable(variable);
            total += stack.clients().dynamoDb().scan(s -> s.tableName(table).select(Select.COUNT).consistentRead(true))
                    .count();
        }
        return total;
    }

    /** Tokens the authorizer must refuse, each wrong in one way. */
    static final class Tokens {

        private final LocalStack stack;
        private final LocalIssuer issuer;

        Tokens(LocalStack stack) {
            this.stack = stack;
            this.issuer = stack.issuer().orElseThrow();
        }

        private JWTClaimsSet.Builder valid() {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder().subject("mallory").issuer(issuer.issuer())
                    .audience(issuer.audiences().get(0)).claim("token_use", "id")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
        }

        private JWSHeader rs256() {
            return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.publicKey().getKeyID())
                    .type(JOSEObjectType.JWT).build();
        }

        String signed(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
            return "Bearer " + LocalIssuer.sign(rs256(), change.apply(valid()).build(),
                    LocalIssuer.loadOrCreateKey(stack.options().stateDir()));
        }

        String algNone() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(valid().build().toString().getBytes(StandardCharsets.UTF_8));
            return "Bearer " + header + "." + payload + ".";
        }

        String hmacWithPublicKey() {
            try {
                byte[] secret = issuer.publicKey().toRSAPublicKey().getEncoded();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(issuer.publicKey().getKeyID()).build(), valid().build());
                jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 32))));
                return "Bearer " + jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String strangerKey() {
            try {
                RSAKey stranger = new RSAKeyGenerator(2048).keyID(issuer.publicKey().getKeyID()).generate();
                return "Bearer " + LocalIssuer.sign(rs256(), valid().build(), stranger);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String payloadSwapped() {
            String[] genuine = signed(c -> c).substring(7).split("\\.");
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    valid().subject("victim").build().toString().getBytes(StandardCharsets.UTF_8));
            return "Bearer " + genuine[0] + "." + forged + "." + genuine[2];
        }
    }
}
