package com.rushgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.DeadLetterPeekUseCase;
import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EventChangesUseCase;
import com.rushgate.core.app.EventOverviewUseCase;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.app.port.QueueGauges.Depths;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryDeadLetterQueue;
import com.rushgate.core.testing.InMemoryDrawResults;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every admin route on the in-memory ports, from the real-shaped, IAM-signed request in events/admin.json. */
class AdminHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(600);
    private static final DrawPolicy POLICY = new DrawPolicy(Duration.ofMillis(1500), Duration.ofMinutes(10));
    private static final DrawSeed SEED = DrawSeed.fromHex("3c".repeat(32));
    private static final DrawSeed NEW_SEED = DrawSeed.fromHex("c3".repeat(32));

    private final MutableClock clock = new MutableClock(OPENS.minusSeconds(60));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final InMemoryDrawResults results = new InMemoryDrawResults();
    private final InMemoryDeadLetterQueue dlq = new InMemoryDeadLetterQueue();
    private final RecordingQueue queue = new RecordingQueue();
    private final AdminHandler handler = new AdminHandler(new AdminUseCases(
            new CreateEventUseCase(events, () -> SEED),
            new EventOverviewUseCase(events, (id, now) -> new Counts(7, Map.of("QUEUED", 2L), 4, Map.of("SOLD_OUT", 1L),
                    0, 412L, 5, OPENS), () -> new Depths(3, 1, 0), requests, results, clock),
            new EventChangesUseCase(events, (id, now) -> Counts.none(5), () -> NEW_SEED, clock),
            new DrawUseCase(events, events, requests, requests, results, queue, POLICY, clock),
            new DeadLetterPeekUseCase(dlq, requests),
            new RedriveUseCase(dlq, requests, queue, clock, new PowertoolsMetrics("Rushgate", "admin")),
            clock), new PowertoolsMetrics("Rushgate", "admin"));

    /** events/admin.json, for the given method, route, event, query and body. */
    private static APIGatewayProxyRequestEvent request(String method, String route, String eventId,
                                                       Map<String, String> query, String body) {
        APIGatewayProxyRequestEvent request = EventLoader.loadApiGatewayRestEvent(Fixtures.event("admin.json"));
        String path = eventId == null ? route : route.replace("{eventId}", eventId);
        request.setHttpMethod(method);
        request.setResource(route);
        request.setPath(path);
        request.getRequestContext().setHttpMethod(method);
        request.getRequestContext().setResourcePath(route);
        request.getRequestContext().setPath("/prod" + path);
        request.setPathParameters(eventId == null ? null : Map.of("eventId", eventId));
        request.setQueryStringParameters(query);
        request.setBody(body);
        return request;
    }

    private APIGatewayProxyResponseEvent call(String method, String route, String eventId, String body) {
        return handler.handleJson(request(method, route, eventId, null, body), InvocationContext.direct());
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static String code(APIGatewayProxyResponseEvent response) throws Exception {
        return body(response).path("error").path("code").asText();
    }

    private void raffle(String eventId) {
        Event event = Event.create(eventId, EventType.RAFFLE, 2, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED));
        assertThat(events.create(event, Optional.of(SEED))).isTrue();
    }

    @Test
    void theSampleRequest_restocksAnFcfsEvent_answeringTheEventView() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 100, 37, OPENS, CLOSES));
        clock.set(OPENS.plusSeconds(5));

        APIGatewayProxyResponseEvent response = handler.handleJson(
                EventLoader.loadApiGatewayRestEvent(Fixtures.event("admin.json")), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(body(response)).isEqualTo(JSON.readTree("""
                {"event":{"eventId":"drop-1","type":"FCFS","capacity":120,"remaining":57,
                 "opensAt":"2026-12-01T10:00:00.000Z","closesAt":"2026-12-01T10:10:00.000Z","state":"OPEN",
                 "commitment":null,"drawState":null,"drawnAt":null}}"""));
    }

    @Test
    void restock_shrinkBelowGranted_is409InWordsOfTheUnitsGranted() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 100, 37, OPENS, CLOSES));

        APIGatewayProxyResponseEvent response = call("POST", AdminRoutes.RESTOCK, "drop-1", "{\"units\":-40}");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(code(response)).isEqualTo("CAPACITY_BELOW_GRANTED");
        assertThat(body(response).path("error").path("message").asText())
                .contains("capacity cannot shrink below the 63 units already granted");
        assertThat(events.find("drop-1").orElseThrow().capacity()).isEqualTo(100);
    }

    @Test
    void create_thenList_thenInspect_withCountsAndQueue() throws Exception {
        APIGatewayProxyResponseEvent created = call("POST", AdminRoutes.EVENTS, null,
                "{\"eventId\":\"raffle-1\",\"type\":\"RAFFLE\",\"capacity\":2,\"closesAt\":\"2026-12-01T10:10:00Z\"}");

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(body(created).path("event").path("commitment").asText()).isEqualTo(SEED.commitment());
        assertThat(body(created).path("event").path("opensAt").asText()).as("opens now by default")
                .isEqualTo("2026-12-01T09:59:00.000Z");
        assertThat(body(created).toString()).doesNotContain(SEED.hex());

        JsonNode list = body(call("GET", AdminRoutes.EVENTS, null, null));
        assertThat(list.path("events")).hasSize(1);

        JsonNode report = body(call("GET", AdminRoutes.EVENT, "raffle-1", null));
        assertThat(report.path("counts").path("accepted").asLong()).isEqualTo(7);
        assertThat(report.path("counts").path("remaining").asInt()).isEqualTo(2);
        assertThat(report.path("counts").path("countedThrough").asText()).isEqualTo("2026-12-01T10:00:00.000Z");
        assertThat(report.path("queue").path("messages").asLong()).isEqualTo(3);
        assertThat(report.path("queue").path("oldestAgeSeconds").isNull()).isTrue();
        assertThat(code(call("GET", AdminRoutes.EVENT, "nope", null))).isEqualTo("EVENT_NOT_FOUND");
        assertThat(code(call("POST", AdminRoutes.EVENTS, null,
                "{\"eventId\":\"raffle-1\",\"type\":\"RAFFLE\",\"capacity\":2,\"closesAt\":\"2026-12-01T10:10:00Z\"}")))
                .isEqualTo("EVENT_EXISTS");
    }

    @Test
    void create_withABadBody_is400SayingWhy() throws Exception {
        APIGatewayProxyResponseEvent unknownField = call("POST", AdminRoutes.EVENTS, null,
                "{\"eventId\":\"x\",\"type\":\"FCFS\",\"capacity\":1,\"colour\":\"red\"}");
        APIGatewayProxyResponseEvent raffleWithoutClose = call("POST", AdminRoutes.EVENTS, null,
                "{\"eventId\":\"x\",\"type\":\"RAFFLE\",\"capacity\":1}");

        assertThat(unknownField.getStatusCode()).isEqualTo(400);
        assertThat(body(unknownField).path("error").path("message").asText()).contains("colour");
        assertThat(code(raffleWithoutClose)).isEqualTo("INVALID_EVENT");
        assertThat(code(call("POST", AdminRoutes.EVENTS, null, "[1]"))).isEqualTo("INVALID_BODY");
    }

    @Test
    void patch_reseedBeforeOpening_changesTheCommitment_afterOpeningIs409() throws Exception {
        raffle("raffle-1");

        JsonNode reseeded = body(call("PATCH", AdminRoutes.EVENT, "raffle-1", "{\"reseed\":true}"));

        assertThat(reseeded.path("event").path("commitment").asText()).isEqualTo(NEW_SEED.commitment());
        clock.set(OPENS.plusSeconds(1));
        assertThat(code(call("PATCH", AdminRoutes.EVENT, "raffle-1", "{\"reseed\":true}"))).isEqualTo("COMMITMENT_FIXED");
        assertThat(code(call("PATCH", AdminRoutes.EVENT, "raffle-1", "{\"opensAt\":\"2026-12-01T11:00:00Z\"}")))
                .isEqualTo("ALREADY_OPEN");
        assertThat(code(call("PATCH", AdminRoutes.EVENT, "raffle-1", "{\"closesAt\":\"2026-12-01T09:00:00Z\"}")))
                .isEqualTo("CLOSES_BEFORE_ACCEPTED");
    }

    @Test
    void close_thenDelete_answersTheClosedEvent_and409ForTheDeleteWithoutCounts() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 10, 10, OPENS, null));
        clock.set(OPENS.plusSeconds(30));

        JsonNode closed = body(call("POST", AdminRoutes.CLOSE, "drop-1", null));

        assertThat(closed.path("event").path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("event").path("closesAt").asText()).isEqualTo("2026-12-01T10:00:30.000Z");
        assertThat(code(call("POST", AdminRoutes.CLOSE, "drop-1", "{}"))).isEqualTo("EVENT_CLOSED");
        assertThat(code(call("DELETE", AdminRoutes.EVENT, "drop-1", null))).isEqualTo("EVENT_HAS_REQUESTS");
    }

    @Test
    void delete_beforeOpening_is204() {
        events.put(new Event("drop-1", EventType.FCFS, 10, 10, OPENS, null));

        APIGatewayProxyResponseEvent response = call("DELETE", AdminRoutes.EVENT, "drop-1", null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
        assertThat(events.find("drop-1")).isEmpty();
    }

    @Test
    void draw_tooEarly_thenDrawn_thenWinnersPaged() throws Exception {
        raffle("raffle-1");
        for (int i = 0; i < 3; i++) {
            ParticipationRequest request = Requests.received("raffle-1", "user-" + i, OPENS.plusMillis(i));
            requests.insertIfAbsent(request);
            ParticipationRequest claimed = ((ClaimResult.Claimed) requests.claim(request.requestId(),
                    request.acceptedAt(), request.acceptedAt().plusSeconds(30))).request();
            requests.enter(claimed, CLOSES.plus(POLICY.settle()), request.acceptedAt());
        }
        clock.set(CLOSES);

        APIGatewayProxyResponseEvent early = call("POST", AdminRoutes.DRAW, "raffle-1", "{}");
        assertThat(code(early)).isEqualTo("DRAW_TOO_EARLY");
        assertThat(body(early).path("error").path("message").asText()).contains("2026-12-01T10:10:01.500Z");
        assertThat(code(call("GET", AdminRoutes.WINNERS, "raffle-1", null))).isEqualTo("NOT_DRAWN");

        clock.set(CLOSES.plus(POLICY.settle()));
        JsonNode drawn = body(call("POST", AdminRoutes.DRAW, "raffle-1", "{\"excludeFailed\":false}"));
        assertThat(drawn.path("drawn").asBoolean()).isTrue();
        assertThat(drawn.path("first").asBoolean()).isTrue();
        assertThat(drawn.path("draw").path("entries").asLong()).isEqualTo(3);
        assertThat(drawn.path("draw").path("seed").asText()).isEqualTo(SEED.hex());
        assertThat(body(call("POST", AdminRoutes.DRAW, "raffle-1", null)).path("first").asBoolean()).isFalse();

        JsonNode winners = body(handler.handleJson(request("GET", AdminRoutes.WINNERS, "raffle-1",
                Map.of("page", "0"), null), InvocationContext.direct()));
        assertThat(winners.path("pages").asInt()).isEqualTo(1);
        assertThat(winners.path("winners")).hasSize(2);
        assertThat(code(handler.handleJson(request("GET", AdminRoutes.WINNERS, "raffle-1", Map.of("page", "-1"), null),
                InvocationContext.direct()))).isEqualTo("INVALID_PAGE");
    }

    @Test
    void draw_ofAnFcfsEvent_isNotARaffle_andRestockOfARaffleIsNotFcfs() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 10, 10, OPENS, CLOSES));
        raffle("raffle-1");

        assertThat(code(call("POST", AdminRoutes.DRAW, "drop-1", null))).isEqualTo("NOT_A_RAFFLE");
        assertThat(code(call("POST", AdminRoutes.RESTOCK, "raffle-1", "{\"units\":3}"))).isEqualTo("NOT_FCFS");
        assertThat(code(call("POST", AdminRoutes.RESTOCK, "drop-1", "{}"))).isEqualTo("INVALID_BODY");
    }

    @Test
    void dlq_peeksWithoutTakingAnything_andRedriveDryRunReports() throws Exception {
        ParticipationRequest request = Requests.received("drop-1", "alice", OPENS);
        requests.insertIfAbsent(request);
        dlq.moveFromMainQueue(new WorkMessage(request.requestId(), "drop-1", OPENS));
        dlq.putUnreadable("not json");
        Map<String, String> onlyDrop = new HashMap<>(Map.of("eventId", "drop-1", "max", "10"));

        JsonNode peeked = body(handler.handleJson(request("GET", AdminRoutes.DLQ, null, onlyDrop, null),
                InvocationContext.direct()));

        assertThat(peeked.path("count").asInt()).isEqualTo(1);
        assertThat(peeked.path("messages").get(0).path("requestId").asText()).isEqualTo(request.requestId().value());
        assertThat(peeked.path("messages").get(0).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(dlq.size()).isEqualTo(2);
        assertThat(code(handler.handleJson(request("GET", AdminRoutes.DLQ, null, Map.of("max", "0"), null),
                InvocationContext.direct()))).isEqualTo("INVALID_PARAMETER");

        JsonNode report = body(call("POST", AdminRoutes.REDRIVE, null, "{\"dryRun\":true}"));
        assertThat(report.path("examined").asInt()).isEqualTo(2);
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(code(call("POST", AdminRoutes.REDRIVE, null, "{\"max\":5000}"))).isEqualTo("INVALID_BODY");
    }
}
