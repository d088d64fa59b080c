package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.it.ApiClient.Reply;
import com.rushgate.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The participants' API cases that need what only the local stack has: its issuer's signing key (a
 * token wrong in one claim), its fault injector (an unavailable queue), and the rate rules and
 * throttles it was started with. Every other HTTP case runs against any stack, local or deployed,
 * in e2e/.
 *
 * <p>One stack of its own, tests in order: the 503 first (the injected faults reach every function
 * of the stack, so nothing else may be in flight), the throttles last (they empty the buckets).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEdgeIT {

    /**
     * The stage (every route but the participation route) and the participation route each get a
     * bucket of {@value #BUCKET} requests refilling one per second: far more than the tests spend
     * before the throttle test, which then empties them.
     */
    private static final int BUCKET = 150;
    private static final Map<String, String> PARAMETERS = Map.of(
            "ApiThrottlingRateLimit", "1",
            "ApiThrottlingBurstLimit", Integer.toString(BUCKET),
            "ParticipationThrottlingRateLimit", "1",
            "ParticipationThrottlingBurstLimit", Integer.toString(BUCKET));

    private LocalStack stack;
    private ApiClient api;

    @BeforeAll
    void start() {
        stack = LocalStack.start(TestStacks.options(PARAMETERS).withFaultInjection(true));
        api = new ApiClient(stack);
    }

    @AfterAll
    void stop() {
        Faults.off();
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------ an unavailable queue

    @Test
    @Order(1)
    void queueUnavailable_is503WithRetryAfter_andTheRetryQueuesTheRecordedRequest() {
        String eventId = SharedStack.openFcfs(stack, "unavailable", 5);
        // Ingest starts its first environment here, so that the faults below stay on for one call only.
        assertThat(api.participate(SharedStack.newEventId("nowhere"), "ursula").status()).isEqualTo(404);

        Reply refused;
        Faults.set(1.0, stack.model().functionVariable("QUEUE_URL"), stack.model().functionVariable("EVENT_TABLE"));
        try {
            refused = api.participate(eventId, "ursula");
        } finally {
            Faults.off();
        }
        // The faults also refused the write that gives Ingest's hold back, so the request stays held
        // until the refused call's time is up: a client that honours Retry-After is told 409 until
        // then, and is answered as soon as it runs out.
        List<Reply> whileHeld = new ArrayList<>();
        Reply[] last = new Reply[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = api.participate(eventId, "ursula");
            if (last[0].status() == 409) {
                whileHeld.add(last[0]);
            }
            return last[0].status() != 409;
        });
        Reply retried = last[0];

        assertError(refused, 503, "SERVICE_UNAVAILABLE");
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(header(refused, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(refused, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(whileHeld).allSatisfy(answer -> {
            assertError(answer, 409, "IN_PROGRESS");
            assertThat(header(answer, "Retry-After")).isEqualTo("1");
        });
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.field("status")).as("recorded by the 503, queued by the retry").isEqualTo("QUEUED");
        assertThat(retried.field("requestId")).isEqualTo(new Sha256RequestIds().derive(eventId, "ursula").value());
    }

    // ------------------------------------------------------------------ tokens only the issuer's key can sign

    static Stream<Arguments> tokensWithOneWrongClaim() {
        return Stream.of(
                Arguments.of("wrong issuer", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.issuer("https://evil.example")),
                Arguments.of("wrong audience", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.audience("someone-else")),
                Arguments.of("access token", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.claim("token_use", "access")),
                Arguments.of("expired", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.expirationTime(
                        Date.from(Instant.now().minusSeconds(5)))),
                Arguments.of("not yet valid", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.notBeforeTime(
                        Date.from(Instant.now().plusSeconds(600)))),
                Arguments.of("no subject", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.subject(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensWithOneWrongClaim")
    @Order(2)
    void tokensSignedByTheIssuerWithOneWrongClaim_are401_beforeAnyFunctionRuns(String name,
            UnaryOperator<JWTClaimsSet.Builder> change) {
        String eventId = SharedStack.openFcfs(stack, "claims", 5);
        long ingestBefore = stack.function("IngestFunction").invocations();
        long storedBefore = storedRequests();

        Reply reply = api.send(HttpRequest.newBuilder(api.base().resolve("/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + signed(change))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertError(reply, 401, "UNAUTHORIZED");
        assertThat(stack.function("IngestFunction").invocations()).isEqualTo(ingestBefore);
        assertThat(storedRequests()).isEqualTo(storedBefore);
    }

    // ------------------------------------------------------------------ the rate rules and throttles

    @Test
    @Order(3)
    void oneUserHammering_gets429_andOtherUsersAreUnaffected() {
        String hammered = SharedStack.openFcfs(stack, "hammered", 50);
        String token = api.token("hammer");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> hammering = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                hammering.add(CompletableFuture.supplyAsync(() -> api.send(HttpRequest.newBuilder(
                                api.base().resolve("/events/" + hammered + "/participations"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())), clients));
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

    @Test
    @Order(4)
    void throttling_is429_fromTheWafWithoutRetryAfter_andFromTheGatewayWithIt() {
        String eventId = SharedStack.openFcfs(stack, "throttled", 5);
        String hasty = api.token("hasty");
        int perToken = (int) stack.model().webAcl().orElseThrow().rateRules().stream()
                .filter(rule -> rule.name().equals("ParticipationsPerUser")).findFirst().orElseThrow().limit();

        List<Reply> hastyAnswers = new ArrayList<>();
        Reply waf;
        do {
            waf = participate(eventId, hasty);
            hastyAnswers.add(waf);
        } while (waf.status() != 429 && hastyAnswers.size() <= 2 * perToken);
        Reply participationThrottled = untilThrottled(i -> participate(eventId, "spent-" + i));
        Reply statusThrottled = untilThrottled(i -> api.send(HttpRequest.newBuilder(api.base().resolve(
                "/requests/" + new Sha256RequestIds().derive(eventId, "hasty").value()))
                .header("Authorization", "Bearer spent-" + i).GET()));

        assertThat(hastyAnswers.subList(0, perToken)).as("the token's allowance").extracting(Reply::status)
                .containsOnly(200, 202);
        assertError(waf, 429, "TOO_MANY_REQUESTS");
        assertThat(waf.raw().headers().map().keySet()).as("the WAF's answer")
                .noneMatch(name -> name.equalsIgnoreCase("Retry-After") || name.equalsIgnoreCase("Cache-Control"));
        assertError(participationThrottled, 429, "TOO_MANY_REQUESTS");
        assertThat(header(participationThrottled, "Retry-After")).as("API Gateway's answer").isEqualTo("1");
        assertThat(header(participationThrottled, "Cache-Control")).isEqualTo("no-store");
        assertError(statusThrottled, 429, "TOO_MANY_REQUESTS");
        assertThat(header(statusThrottled, "Retry-After")).isEqualTo("1");
    }

    /** Sends calls (cheap ones: refused by the authorizer, after the throttle) until one is throttled. */
    private Reply untilThrottled(IntFunction<Reply> call) {
        int limit = BUCKET * 4;
        for (int i = 0; i < limit; i++) {
            Reply answer = call.apply(i);
            if (answer.status() == 429) {
                return answer;
            }
            assertThat(answer.status()).as("before the bucket is empty").isEqualTo(401);
        }
        throw new AssertionError("no 429 after " + limit + " requests against a bucket of " + BUCKET);
    }

    // ------------------------------------------------------------------ helpers

    private Reply participate(String eventId, String token) {
        return api.send(HttpRequest.newBuilder(api.base().resolve("/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A token of the stack's issuer, signed with its key, with one claim changed. */
    private String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        LocalIssuer issuer = stack.issuer().orElseThrow();
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().subject("mallory").issuer(issuer.issuer())
                .audience(issuer.audiences().get(0)).claim("token_use", "id")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.publicKey().getKeyID())
                .type(JOSEObjectType.JWT).build();
        return LocalIssuer.sign(header, change.apply(valid).build(), LocalIssuer.loadOrCreateKey(stack.options().stateDir()));
    }

    private long storedRequests() {
        return stack.clients().dynamoDb().scan(s -> s.tableName(Tables.requestTable(stack)).select(Select.COUNT)
                .consistentRead(true)).count();
    }

    private static String header(Reply reply, String name) {
        return reply.raw().headers().firstValue(name).orElse(null);
    }

    /** A clear error: the status, a JSON body with the code and a message. */
    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(header(reply, "Content-Type")).as(reply.body()).startsWith("application/json");
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().at("/error/message").asText()).as(reply.body()).isNotBlank();
    }
}
