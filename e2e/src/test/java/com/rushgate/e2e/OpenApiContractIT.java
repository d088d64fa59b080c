package com.rushgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.e2e.Api.Reply;
import com.rushgate.e2e.openapi.ApiContract;
import com.rushgate.e2e.openapi.ApiContract.Answer;
import com.rushgate.e2e.targets.StackTables;
import com.rushgate.e2e.targets.Target;
import com.rushgate.e2e.targets.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/openapi.yaml against the real answers of a target: every exchange below goes over HTTP
 * through the edge (rate rules, routes, throttles, authorizer, body model) to the real functions,
 * and the validator judges the answer (status documented for the operation, content type, required
 * headers and their values, body schema) and, where the request is meant to be valid, the request
 * too. The last test holds the other direction: every answer the document promises was seen here,
 * or is named in {@link #NOT_EXERCISED_HERE} with the reason, so the document cannot gain an answer
 * nobody checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {

    private static final String PARTICIPATE = "POST /events/{eventId}/participations";
    private static final String GET_REQUEST = "GET /requests/{requestId}";
    private static final String GET_EVENT = "GET /events/{eventId}";
    private static final String GET_ENTRIES = "GET /events/{eventId}/draw/entries";
    private static final String GET_WINNERS = "GET /events/{eventId}/draw/winners";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Answers the document promises that no request of this suite brings about, each with the
     * reason. An entry the target does produce, or one the document no longer has, fails the
     * coverage check: the list stays exact.
     */
    private static final Map<Answer, String> NOT_EXERCISED_HERE = notExercisedHere();
    /**
     * Why no answer of the admin routes is exercised here: they are signed with SigV4 by an operator's
     * IAM credentials, which this suite of the participants' API does not hold. AdminIT (local/stack)
     * invokes the Admin function on every route; OpenApiDriftTest holds the document to its codes.
     */
    private static final String ADMIN_NOT_HERE = "the admin routes take an operator's SigV4 signature, not a "
            + "participant's token: AdminIT in local/stack invokes the Admin function directly";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<Answer> exercised = new TreeSet<>();
    private final Set<RequestStatus> statesShown = EnumSet.noneOf(RequestStatus.class);
    private final List<String> log = new ArrayList<>();
    private ApiContract contract;
    private Target target;
    private Api api;
    private StackTables tables;
    private DynamoRequestStore requests;
    private URI base;

    private static Map<Answer, String> notExercisedHere() {
        Map<Answer, String> excused = new TreeMap<>();
        String managedRules = "the WAF's managed rule groups and API Gateway's own denials: the local stack has "
                + "neither, and on a deployed stack no request of this suite is meant to trip them";
        String internal = "a function that fails unexpectedly (500), crashes or answers malformed JSON (502), or an "
                + "integration timeout (504): no request makes one, client errors are typed and dependency "
                + "failures are 503";
        String throttled = "the edge's rate rules and throttles answer it after a number of requests the stack was "
                + "deployed with; LocalEdgeIT in local/stack drives the local stack's to it";
        for (String operation : List.of(PARTICIPATE, GET_REQUEST, GET_EVENT, GET_ENTRIES, GET_WINNERS)) {
            excused.put(new Answer(operation, 403, "FORBIDDEN"), managedRules);
            excused.put(new Answer(operation, 429, "TOO_MANY_REQUESTS"), throttled);
            for (int status : List.of(500, 502, 504)) {
                excused.put(new Answer(operation, status, "INTERNAL_ERROR"), internal);
            }
        }
        excused.put(new Answer(PARTICIPATE, 503, "SERVICE_UNAVAILABLE"), "only an unavailable queue or table makes it: "
                + "LocalEdgeIT in local/stack injects the fault into the local stack");
        excused.put(new Answer(GET_REQUEST, 503, "SERVICE_UNAVAILABLE"), "reading a request's status sends no message "
                + "and writes nothing, and only those fail on demand (the local stack's fault injector)");
        for (String operation : List.of(GET_EVENT, GET_ENTRIES, GET_WINNERS)) {
            excused.put(new Answer(operation, 503, "SERVICE_UNAVAILABLE"), "the public event view reads only, and only "
                    + "sends and writes fail on demand (the local stack's fault injector)");
        }
        for (String operation : List.of(GET_ENTRIES, GET_WINNERS)) {
            excused.put(new Answer(operation, 200, null), "a page of a published list needs a drawn raffle, which takes "
                    + "entries, a due time and a draw: RaffleIT in local/bench reads every page of one over HTTP");
        }
        return excused;
    }

    @BeforeAll
    void start() {
        contract = ApiContract.load();
        target = Targets.current();
        api = new Api(target);
        tables = target.tables();
        requests = tables.requests();
        base = target.api();
    }

    // ------------------------------------------------------------------ participations and their states

    @Test
    @Order(1)
    void participations_areAcceptedRepeatedAndDecided_andOnlyTheirOwnerSeesThem() {
        String eventId = openEvent("accepted", 1);

        Answered alice = exchange(Call.post(participations(eventId)).by(token("alice"))
                .body("application/json", "{\"clientRef\":\"checkout-7f3a\"}"));
        Answered bob = exchange(Call.post(participations(eventId)).by(token("bob")));
        Answered aliceAtOnce = exchange(Call.get(alice.json().path("statusUrl").asText()).by(token("alice")));
        awaitFinal(requestId(eventId, "alice"), requestId(eventId, "bob"));
        Answered aliceDecided = exchange(Call.get(alice.json().path("statusUrl").asText()).by(token("alice")));
        Answered bobDecided = exchange(Call.get(bob.json().path("statusUrl").asText()).by(token("bob")));
        Answered aliceAgain = exchange(Call.post(participations(eventId)).by(token("alice")));
        Answered bobPeeking = exchange(Call.get(alice.json().path("statusUrl").asText()).by(token("bob")));

        assertAnswer(alice, 202, null);
        assertAnswer(bob, 202, null);
        assertThat(alice.json().path("statusUrl").asText()).isEqualTo("/requests/" + requestId(eventId, "alice").value());
        assertAnswer(aliceAtOnce, 200, null);
        assertThat(List.of(aliceDecided.json().path("status").asText(), bobDecided.json().path("status").asText()))
                .as("one unit of stock").containsExactlyInAnyOrder("SUCCEEDED", "REJECTED");
        assertAnswer(aliceAgain, 200, null);
        assertThat(aliceAgain.json().path("requestId").asText()).isEqualTo(alice.json().path("requestId").asText());
        assertThat(aliceAgain.json().path("status").asText()).isEqualTo(aliceDecided.json().path("status").asText());
        assertAnswer(bobPeeking, 404, "REQUEST_NOT_FOUND");
    }

    @Test
    @Order(2)
    void everyStateARequestPassesThrough_isShownToItsOwnerAsDocumented() {
        // The worker and the reconciler write these states; here the store writes them through the
        // same adapter, for requests no message names, so that no worker moves them on.
        String eventId = openEvent("states", 10);
        Instant now = Instant.now();
        RequestId received = recorded(eventId, "rita");
        RequestId queued = recorded(eventId, "quentin");
        RequestId processing = recorded(eventId, "petra");
        RequestId failed = recorded(eventId, "fabian");
        assertThat(requests.markQueued(queued, now)).isTrue();
        assertThat(requests.claim(processing, now, now.plus(10, ChronoUnit.MINUTES))).isInstanceOf(ClaimResult.Claimed.class);
        assertThat(requests.giveUp(failed, FailureReason.ATTEMPTS_EXHAUSTED, now)).isTrue();
        RequestId entered = recorded(eventId, "erik");
        ClaimResult claim = requests.claim(entered, now, now.plus(10, ChronoUnit.MINUTES));
        assertThat(claim).isInstanceOf(ClaimResult.Claimed.class);
        assertThat(requests.enter(((ClaimResult.Claimed) claim).request(), now.plus(1, ChronoUnit.HOURS), now)).isTrue();

        Map<String, RequestId> owners = Map.of("rita", received, "quentin", queued, "petra", processing, "fabian", failed,
                "erik", entered);
        Map<String, String> shown = new TreeMap<>();
        owners.forEach((owner, requestId) -> {
            Answered answer = exchange(Call.get("/requests/" + requestId.value()).by(token(owner)));
            assertAnswer(answer, 200, null);
            shown.put(owner, answer.json().path("status").asText());
        });

        assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of("rita", "RECEIVED", "quentin", "QUEUED",
                "petra", "PROCESSING", "fabian", "FAILED_FINAL", "erik", "ENTERED"));
    }

    // ------------------------------------------------------------------ refusals

    @Test
    @Order(3)
    void refusedParticipations_answerWithTheirDocumentedStatusAndCode() {
        String open = openEvent("refused", 5);
        String notOpen = StackTables.newEventId("not-open");
        String closed = StackTables.newEventId("closed");
        Instant now = Instant.now();
        tables.create(Event.create(notOpen, EventType.FCFS, 5, now.plus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS)));
        tables.create(Event.create(closed, EventType.FCFS, 5, now.minus(2, ChronoUnit.HOURS),
                now.minus(1, ChronoUnit.HOURS)));
        String mallory = token("mallory");

        assertAnswer(exchange(Call.post(participations(open)).malformed()), 401, "UNAUTHORIZED");
        assertAnswer(exchange(Call.post(participations(open)).by("not-a-token")), 401, "UNAUTHORIZED");
        assertAnswer(exchange(Call.post(participations("drop.1")).by(mallory).malformed()), 400, "INVALID_EVENT_ID");
        assertAnswer(exchange(Call.post(participations(open)).by(mallory)
                .body("application/json", "{\"userId\":\"victim\"}").malformed()), 400, "INVALID_BODY");
        // The body model lets a repeated field through; the function refuses it.
        assertAnswer(exchange(Call.post(participations(open)).by(mallory)
                .body("application/json", "{\"clientRef\":\"a\",\"clientRef\":\"b\"}").beyondSchema()), 400, "INVALID_BODY");
        assertAnswer(exchangeRaw("POST", "/events/%ZZ/participations", mallory), 400, "BAD_REQUEST");
        assertAnswer(exchange(Call.post(participations(StackTables.newEventId("nowhere"))).by(mallory)), 404,
                "EVENT_NOT_FOUND");
        assertAnswer(exchange(Call.post(participations(notOpen)).by(mallory)), 409, "EVENT_NOT_OPEN");
        assertAnswer(exchange(Call.post(participations(closed)).by(mallory)), 409, "EVENT_CLOSED");
        assertAnswer(exchange(Call.post(participations(open)).by(mallory)
                .body("application/json", "{\"clientRef\":\"a\"" + " ".repeat(5000) + "}").beyondSchema()), 413,
                "BODY_TOO_LARGE");
        assertAnswer(exchange(Call.post(participations(open)).by(mallory).header("X-Padding", "p".repeat(11 * 1024))
                .beyondSchema()), 413, "REQUEST_TOO_LARGE");
        assertAnswer(exchange(Call.post(participations(open)).by(mallory)
                .body("text/plain", "{\"clientRef\":\"a\"}").malformed()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(tables.requestsOf(open)).as("no refusal stored anything").isEmpty();
    }

    @Test
    @Order(4)
    void aConcurrentDuplicate_is409InProgressWithRetryAfter_andTheRetryIsAnswered() {
        String event = openEvent("in-progress", 5);
        Call participation = Call.post(participations(event)).by(token("ines"));
        ParticipationRequest held = heldByAnotherCall(event, "ines");

        Answered whileInProgress = exchange(participation);
        assertThat(requests.unhold(held, Instant.now())).as("the other call gives up its hold").isTrue();
        Answered retried = exchange(participation);

        assertAnswer(whileInProgress, 409, "IN_PROGRESS");
        assertThat(whileInProgress.header("Retry-After")).isEqualTo("1");
        assertAnswer(retried, 200, null);
        assertThat(retried.json().get("status").asText()).as("the retry sent it").isEqualTo("QUEUED");
    }

    @Test
    @Order(5)
    void refusedStatusReads_answerWithTheirDocumentedStatusAndCode() {
        String unknown = "/requests/" + requestId("no-such-event", "mallory").value();
        String mallory = token("mallory");

        assertAnswer(exchange(Call.get(unknown).malformed()), 401, "UNAUTHORIZED");
        assertAnswer(exchange(Call.get(unknown).by("not-a-token")), 401, "UNAUTHORIZED");
        assertAnswer(exchange(Call.get("/requests/rq_abc").by(mallory).malformed()), 400, "INVALID_REQUEST_ID");
        assertAnswer(exchangeRaw("GET", "/requests/%E0%A4%A", mallory), 400, "BAD_REQUEST");
        assertAnswer(exchange(Call.get(unknown).by(mallory)), 404, "REQUEST_NOT_FOUND");
        assertAnswer(exchange(Call.get(unknown).by(mallory).header("X-Padding", "p".repeat(11 * 1024)).beyondSchema()),
                413, "REQUEST_TOO_LARGE");
    }

    @Test
    @Order(6)
    void publicEventView_answersAnyoneWithoutAToken_andRefusesAsDocumented() {
        String open = openEvent("public", 4);
        String unknown = StackTables.newEventId("nowhere");

        Answered event = exchange(Call.get("/events/" + open));
        assertAnswer(event, 200, null);
        assertThat(event.json().path("remaining").asInt()).isEqualTo(4);
        assertThat(event.header("Cache-Control")).isEqualTo("public, max-age=1");
        assertAnswer(exchange(Call.get("/events/" + open).by(token("mallory"))), 200, null);
        assertAnswer(exchange(Call.get("/events/drop.1").malformed()), 400, "INVALID_EVENT_ID");
        assertAnswer(exchangeRaw("GET", "/events/%ZZ", token("mallory")), 400, "BAD_REQUEST");
        assertAnswer(exchange(Call.get("/events/" + unknown)), 404, "EVENT_NOT_FOUND");
        assertAnswer(exchange(Call.get("/events/" + open).header("X-Padding", "p".repeat(11 * 1024)).beyondSchema()), 413,
                "REQUEST_TOO_LARGE");
        for (String list : List.of("entries", "winners")) {
            String path = "/events/" + open + "/draw/" + list;
            assertAnswer(exchange(Call.get(path + "?page=-1").malformed()), 400, "INVALID_PAGE");
            assertAnswer(exchange(Call.get("/events/drop.1/draw/" + list).malformed()), 400, "INVALID_EVENT_ID");
            assertAnswer(exchangeRaw("GET", "/events/%ZZ/draw/" + list, token("mallory")), 400, "BAD_REQUEST");
            assertAnswer(exchange(Call.get(path + "?page=0")), 404, "EVENT_NOT_FOUND");
            assertAnswer(exchange(Call.get(path).header("X-Padding", "p".repeat(11 * 1024)).beyondSchema()), 413,
                    "REQUEST_TOO_LARGE");
        }
    }

    @Test
    @Order(7)
    void everyOtherPathAndMethod_isAnsweredAsAMissingToken() {
        String mallory = token("mallory");
        String someRequest = "/requests/" + requestId("drop-1", "mallory").value();
        List<Call> elsewhere = List.of(
                Call.get("/").by(mallory),
                Call.post("/events/drop-1").by(mallory),
                Call.get("/events/drop-1/draw").by(mallory),
                Call.get(participations("drop-1")).by(mallory),
                Call.of("PUT", participations("drop-1")).by(mallory).body("application/json", "{}"),
                Call.of("DELETE", participations("drop-1")).by(mallory),
                Call.of("PATCH", someRequest).by(mallory).body("application/json", "{}"),
                Call.post(someRequest).by(mallory),
                Call.get(someRequest + "/extra").by(mallory),
                Call.of("OPTIONS", someRequest),
                Call.of("HEAD", someRequest));

        for (Call call : elsewhere) {
            assertAnswer(exchange(call), 403, call.method().equals("HEAD") ? null : "MISSING_AUTHENTICATION_TOKEN");
        }
    }

    // ------------------------------------------------------------------ the other direction

    @Test
    @Order(8)
    void everyDocumentedAnswer_wasExercised_orIsExcusedWithAReason() {
        Set<Answer> documented = contract.documentedAnswers();
        Set<Answer> missing = new TreeSet<>(documented);
        missing.removeAll(exercised);
        missing.removeAll(NOT_EXERCISED_HERE.keySet());
        missing.removeIf(answer -> answer.operation().contains(" /admin/"));
        Set<Answer> excusedYetSeen = new TreeSet<>(NOT_EXERCISED_HERE.keySet());
        excusedYetSeen.retainAll(exercised);
        Set<Answer> seenButUndocumented = new TreeSet<>(exercised);
        seenButUndocumented.removeAll(documented);

        assertThat(exercised).as("exchanges judged: %s", log.size()).isNotEmpty();
        assertThat(missing).as("documented answers no exchange produced (exercise them, or excuse them with a reason)")
                .isEmpty();
        assertThat(excusedYetSeen).as("excused answers the target did give: drop their excuse").isEmpty();
        assertThat(exercised).as("answers of the admin routes were seen: drop their excuse (%s)", ADMIN_NOT_HERE)
                .noneMatch(answer -> answer.operation().contains(" /admin/"));
        assertThat(documented).as("every excuse names a documented answer").containsAll(NOT_EXERCISED_HERE.keySet());
        assertThat(seenButUndocumented).as("answers the document does not list").isEmpty();
        assertThat(statesShown).as("each branch of RequestState was shown by GET /requests/{requestId}")
                .containsExactlyInAnyOrder(RequestStatus.values());
        System.out.printf("OpenApiContractIT: %d exchanges, %d of %d documented answers exercised, %d excused%n",
                log.size(), exercised.size(), documented.size(), NOT_EXERCISED_HERE.size());
    }

    // ------------------------------------------------------------------ exchanges

    /**
     * What the document says about a request before it is sent. {@code CONFORMING}: its schemas
     * accept it, so request and answer are validated together. {@code MALFORMED}: its schemas refuse
     * it (the validator must agree), so only the answer is. {@code BEYOND_SCHEMA}: what is wrong
     * with it is in the document's prose, not its schemas (a repeated field, a size limit), so only
     * the answer is.
     */
    private enum Verdict { CONFORMING, MALFORMED, BEYOND_SCHEMA }

    /** One request, as a client would send it. */
    private record Call(String method, String path, Map<String, String> headers, String body, Verdict verdict) {

        static Call of(String method, String path) {
            return new Call(method, path, Map.of(), null, Verdict.CONFORMING);
        }

        static Call get(String path) {
            return of("GET", path);
        }

        static Call post(String path) {
            return of("POST", path);
        }

        Call by(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, more, body, verdict);
        }

        Call body(String contentType, String text) {
            return new Call(method, path, headers, text, verdict).header("Content-Type", contentType);
        }

        Call malformed() {
            return new Call(method, path, headers, body, Verdict.MALFORMED);
        }

        Call beyondSchema() {
            return new Call(method, path, headers, body, Verdict.BEYOND_SCHEMA);
        }

        /** The path without its query string. */
        String pathOnly() {
            return path.split("\\?", 2)[0];
        }

        Request toValidatorRequest() {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathOnly());
            if (path.contains("?")) {
                for (String parameter : path.split("\\?", 2)[1].split("&")) {
                    String[] pair = parameter.split("=", 2);
                    request.withQueryParam(pair[0], pair.length > 1 ? pair[1] : "");
                }
            }
            headers.forEach(request::withHeader);
            if (body != null) {
                request.withBody(body);
            }
            return request.build();
        }
    }

    /** An answer as it came over the wire; header names in lower case. */
    private record Answered(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String code() {
            return body.isEmpty() ? null : json().at("/error/code").asText(null);
        }

        SimpleResponse toValidatorResponse() {
            SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
            headers.forEach(response::withHeader);
            return response.build();
        }
    }

    private Answered exchange(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return judge(call, new Answered(response.statusCode(), headers, response.body()));
    }

    /**
     * A request no HTTP client library sends (a malformed % escape in the path), written to the socket
     * as it is; the validator cannot read it either, so only the answer is judged.
     */
    private Answered exchangeRaw(String method, String rawPath, String token) {
        Reply reply = api.raw(method, rawPath, "Bearer " + token);
        return judge(Call.of(method, rawPath).beyondSchema(), new Answered(reply.status(), reply.headers(), reply.body()));
    }

    /** Validates one exchange against the document and counts the answer it exercised. */
    private Answered judge(Call call, Answered answered) {
        Request.Method method = Request.Method.valueOf(call.method());
        String template = contract.pathTemplateOf(call.path()).filter(t -> contract.documents(method, t)).orElse(null);
        String exchange = call.method() + " " + abbreviated(call.path()) + " -> " + answered.status() + " "
                + abbreviated(answered.body());
        ValidationReport report;
        String operation;
        if (template == null) {
            operation = ApiContract.OTHER_ROUTES;
            report = contract.validateAgainstComponent(ApiContract.ROUTE_NOT_FOUND, method, answered.toValidatorResponse());
        } else {
            operation = Answer.operation(method, template);
            report = call.verdict() == Verdict.CONFORMING
                    ? contract.validate(call.toValidatorRequest(), answered.toValidatorResponse())
                    : contract.validateResponse(call.pathOnly(), method, answered.toValidatorResponse());
            if (call.verdict() == Verdict.MALFORMED) {
                assertThat(contract.validateRequest(call.toValidatorRequest()).hasErrors())
                        .as("the document refuses the request of %s", exchange).isTrue();
            }
        }
        assertThat(ApiContract.errorKeys(report)).as("%s%s", exchange, ApiContract.describe(report)).isEmpty();
        assertThat(answered.header("x-amzn-RequestId")).as("every answer names its request: %s", exchange).isNotBlank();
        log.add(exchange);
        if (method != Request.Method.HEAD) {
            // The answer to HEAD has no body, so no code to count; its status and headers are judged above.
            exercised.add(new Answer(operation, answered.status(), answered.status() < 300 ? null : answered.code()));
        }
        if (GET_REQUEST.equals(operation) && answered.status() == 200) {
            statesShown.add(RequestStatus.valueOf(answered.json().path("status").asText()));
        }
        return answered;
    }

    private static void assertAnswer(Answered answered, int status, String code) {
        assertThat(answered.status()).as(answered.body()).isEqualTo(status);
        if (code != null) {
            assertThat(answered.code()).as(answered.body()).isEqualTo(code);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    // ------------------------------------------------------------------ the target

    private String token(String name) {
        return target.participants().token(name);
    }

    private static String participations(String eventId) {
        return "/events/" + eventId + "/participations";
    }

    private RequestId requestId(String eventId, String name) {
        return new Sha256RequestIds().derive(eventId, target.participants().userId(name));
    }

    private String openEvent(String prefix, int capacity) {
        return tables.openFcfs(prefix, capacity);
    }

    /** A request recorded as Ingest records it, without a message: no worker will move it. */
    private RequestId recorded(String eventId, String name) {
        String userId = target.participants().userId(name);
        Event event = tables.event(eventId);
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event, userId,
                new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        assertThat(requests.insertIfAbsent(request)).isEmpty();
        return request.requestId();
    }

    private void awaitFinal(RequestId... ids) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (RequestId id : ids) {
                if (!requests.find(id).orElseThrow().status().isFinal()) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * What a concurrent call leaves while it sends {@code userId}'s participation: the request
     * RECEIVED, held by that call for a minute. Two simultaneous submissions hit this window only by
     * chance; staged, it is hit every time.
     */
    private ParticipationRequest heldByAnotherCall(String eventId, String name) {
        String userId = target.participants().userId(name);
        Event event = tables.event(eventId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ParticipationRequest held = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event, userId,
                new HmacUserKeys(new byte[32]).derive(userId), now, null).heldUntil(now.plus(1, ChronoUnit.MINUTES));
        assertThat(requests.insertIfAbsent(held)).isEmpty();
        return held;
    }
}
