package com.rushgate.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.auth.SigV4Verifier.Failure;
import com.rushgate.local.auth.SigV4Verifier.RefusedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The verifier against signatures the SDK's own signer makes (through {@link SigV4Signing}). */
class SigV4VerifierTest {

    private static final String REGION = "us-east-1";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final OperatorKey KEY = new OperatorKey("AKIALOCALABCDEFGHIJK", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlYw==");

    private final SigV4Verifier verifier = new SigV4Verifier(KEY, REGION, Clock.fixed(NOW, ZoneOffset.UTC));

    /** A request as it reaches the gateway: the signed headers, names case-insensitive. */
    private record Sent(String method, URI uri, TreeMap<String, List<String>> headers, byte[] body) {

        SigV4Verifier.Caller verifyWith(SigV4Verifier verifier) throws RefusedException {
            return verifier.verify(method, uri.getRawPath(), uri.getRawQuery(), headers::get, body);
        }

        Sent withHeader(String name, String value) {
            TreeMap<String, List<String>> changed = new TreeMap<>(headers);
            changed.put(name, List.of(value));
            return new Sent(method, uri, changed, body);
        }
    }

    private static Sent signed(String method, String uri, String body, OperatorKey key, String region, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new SigV4Signing(region, Clock.fixed(at, ZoneOffset.UTC)).sign(method,
                URI.create(uri), Map.of("Content-Type", List.of("application/json")), bytes, SigV4Signing.credentials(key));
        TreeMap<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.putAll(headers);
        return new Sent(method, URI.create(uri), received, bytes);
    }

    private static Sent signed(String method, String uri, String body) {
        return signed(method, uri, body, KEY, REGION, NOW);
    }

    @Test
    void verify_aGetWithSeveralQueryParameters_unsortedAndRepeated_accepts() throws Exception {
        Sent sent = signed("GET", "http://127.0.0.1:3000/Prod/admin/dlq?max=10&eventId=drop%201&a=z&a=b&empty=&tilde=~x", "");

        assertThat(sent.verifyWith(verifier)).isEqualTo(new SigV4Verifier.Caller(KEY.accessKeyId()));
    }

    @Test
    void verify_aPathWithEncodedCharacters_accepts() throws Exception {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/events/drop%20%C3%A9t%C3%A9%2Fx/winners?page=2", "");

        assertThat(sent.verifyWith(verifier).accessKeyId()).isEqualTo(KEY.accessKeyId());
    }

    @Test
    void verify_anEmptyBodyAndAJsonBody_accept() throws Exception {
        assertThat(signed("POST", "http://127.0.0.1:3000/admin/events/drop-1/draw", "").verifyWith(verifier)).isNotNull();
        assertThat(signed("POST", "http://127.0.0.1:3000/admin/events", "{\"eventId\":\"drop-1\",\"capacity\":10}")
                .verifyWith(verifier)).isNotNull();
    }

    @Test
    void verify_withinFifteenMinutes_accepts_beyond_refusesAsExpired() throws Exception {
        assertThat(signed("GET", "http://127.0.0.1:3000/admin/events", "", KEY, REGION, NOW.minus(Duration.ofMinutes(14)))
                .verifyWith(verifier)).isNotNull();

        Sent old = signed("GET", "http://127.0.0.1:3000/admin/events", "", KEY, REGION, NOW.minus(Duration.ofMinutes(16)));
        assertRefused(old, Failure.INVALID, "Signature expired: 20261207T094400Z is now earlier than 20261207T094500Z"
                + " (20261207T100000Z - 15 min.)");
        Sent future = signed("GET", "http://127.0.0.1:3000/admin/events", "", KEY, REGION, NOW.plus(Duration.ofMinutes(16)));
        assertRefused(future, Failure.INVALID, "Signature not yet current");
    }

    @Test
    void verify_aBodyChangedAfterSigning_refusesTheSignature() {
        Sent sent = signed("POST", "http://127.0.0.1:3000/admin/events/drop-1/restock", "{\"units\":5}");
        Sent tampered = new Sent(sent.method(), sent.uri(), sent.headers(), "{\"units\":500}".getBytes(StandardCharsets.UTF_8));

        assertRefused(tampered, Failure.INVALID, "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void verify_aQueryOrPathChangedAfterSigning_refusesTheSignature() {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/dlq?eventId=a&max=10", "");

        assertRefused(new Sent("GET", URI.create("http://127.0.0.1:3000/admin/dlq?eventId=a&max=1000"), sent.headers(),
                sent.body()), Failure.INVALID, "does not match");
        assertRefused(new Sent("DELETE", sent.uri(), sent.headers(), sent.body()), Failure.INVALID, "does not match");
    }

    @Test
    void verify_aWrongSecret_refusesTheSignature() {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/events", "", new OperatorKey(KEY.accessKeyId(), "other"),
                REGION, NOW);

        assertRefused(sent, Failure.INVALID, "does not match");
    }

    @Test
    void verify_anUnknownAccessKey_refusesTheToken() {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/events", "", new OperatorKey("AKIAOTHER", "x"), REGION, NOW);

        assertRefused(sent, Failure.UNRECOGNIZED, "The security token included in the request is invalid.");
    }

    @Test
    void verify_anotherRegion_refusesTheScope() {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/events", "", KEY, "eu-west-1", NOW);

        assertRefused(sent, Failure.INVALID, "Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    @Test
    void verify_anotherService_refusesTheScope() {
        Map<String, List<String>> headers = new SigV4Signing("cloudformation", REGION, Clock.fixed(NOW, ZoneOffset.UTC))
                .sign("GET", URI.create("http://127.0.0.1:3000/admin/events"), Map.of(), new byte[0],
                        SigV4Signing.credentials(KEY));
        TreeMap<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.putAll(headers);

        assertRefused(new Sent("GET", URI.create("http://127.0.0.1:3000/admin/events"), received, new byte[0]),
                Failure.INVALID, "Credential should be scoped to correct service: 'execute-api'.");
    }

    @Test
    void verify_noAuthorization_isAMissingToken() {
        Sent unsigned = new Sent("GET", URI.create("http://127.0.0.1:3000/admin/events"),
                new TreeMap<>(String.CASE_INSENSITIVE_ORDER), new byte[0]);

        assertRefused(unsigned, Failure.MISSING, "Missing Authentication Token");
    }

    @Test
    void verify_aBearerTokenOrAHeaderWithoutSignature_isIncomplete() {
        Sent sent = signed("GET", "http://127.0.0.1:3000/admin/events", "");
        String authorization = sent.headers().get("Authorization").get(0);

        assertRefused(sent.withHeader("Authorization", "Bearer eyJ"), Failure.INCOMPLETE,
                "Authorization header requires 'Credential' parameter.");
        assertRefused(sent.withHeader("Authorization", authorization.replaceAll(", Signature=[0-9a-f]+", "")),
                Failure.INCOMPLETE, "Authorization header requires 'Signature' parameter.");
        assertRefused(sent.withHeader("X-Amz-Date", "yesterday"), Failure.INCOMPLETE, "Date must be in ISO-8601 'basic format'.");
        assertThat(Failure.INCOMPLETE.errorType()).isEqualTo("IncompleteSignatureException");
    }

    private void assertRefused(Sent sent, Failure failure, String message) {
        assertThatThrownBy(() -> sent.verifyWith(verifier)).isInstanceOfSatisfying(RefusedException.class, refused -> {
            assertThat(refused.failure()).isEqualTo(failure);
            assertThat(refused.getMessage()).contains(message);
        });
    }
}
