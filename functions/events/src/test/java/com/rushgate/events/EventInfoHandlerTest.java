package com.rushgate.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.DrawCommand;
import com.rushgate.core.app.DrawOutcome;
import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryDrawResults;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public event view on the in-memory ports, from the real-shaped request in events/event-info.json. */
class EventInfoHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(600);
    private static final DrawPolicy POLICY = new DrawPolicy(Duration.ofMillis(1500), Duration.ofMinutes(10));
    private static final DrawSeed SEED = DrawSeed.fromHex("3c".repeat(32));

    private final MutableClock clock = new MutableClock(OPENS.minusSeconds(60));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final InMemoryDrawResults results = new InMemoryDrawResults();
    private final EventInfoHandler handler = new EventInfoHandler(new EventInfoUseCase(events, results, POLICY.settle(),
            clock));

    /** events/event-info.json, for the given route, event and query. */
    private static APIGatewayProxyRequestEvent request(String route, String eventId, Map<String, String> query) {
        APIGatewayProxyRequestEvent request = EventLoader.loadApiGatewayRestEvent(Fixtures.event("event-info.json"));
        String path = route.replace("{eventId}", eventId);
        request.setResource(route);
        request.setPath(path);
        request.getRequestContext().setResourcePath(route);
        request.getRequestContext().setPath("/prod" + path);
        request.setPathParameters(Map.of("eventId", eventId));
        request.setQueryStringParameters(query);
        return request;
    }

    private APIGatewayProxyResponseEvent get(String route, String eventId, Map<String, String> query) {
        return handler.handleJson(request(route, eventId, query), InvocationContext.direct());
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private void raffle(String eventId, int capacity) {
        Event event = Event.create(eventId, EventType.RAFFLE, capacity, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED));
        assertThat(events.create(event, Optional.of(SEED))).isTrue();
    }

    /** {@code count} entries, then the draw, as the reconciler runs it once the raffle is due. */
    private PublishedDraw drawn(String eventId, int count) {
        for (int i = 0; i < count; i++) {
            ParticipationRequest request = Requests.received(eventId, "user-" + i, OPENS.plusMillis(i));
            requests.insertIfAbsent(request);
            ParticipationRequest claimed = ((ClaimResult.Claimed) requests.claim(request.requestId(),
                    request.acceptedAt(), request.acceptedAt().plusSeconds(30))).request();
            requests.enter(claimed, CLOSES.plus(POLICY.settle()), request.acceptedAt());
        }
        clock.set(CLOSES.plus(POLICY.settle()));
        DrawOutcome outcome = new DrawUseCase(events, events, requests, requests, results, new RecordingQueue(), POLICY,
                clock).draw(new DrawCommand(eventId, false));
        return ((DrawOutcome.Drawn) outcome).draw();
    }

    @Test
    void anOpenFcfsEvent_showsItsWindowAndStockLeft_cacheableForASecond() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 100, 37, OPENS, CLOSES));
        clock.set(OPENS.plusSeconds(5));

        APIGatewayProxyResponseEvent response = get(EventRoutes.EVENT, "drop-1", null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "public, max-age=1")
                .containsEntry("Content-Type", "application/json");
        assertThat(body(response)).isEqualTo(JSON.readTree("""
                {"eventId":"drop-1","type":"FCFS","opensAt":"2026-12-01T10:00:00.000Z",
                 "closesAt":"2026-12-01T10:10:00.000Z","capacity":100,"state":"OPEN","remaining":37}"""));
    }

    @Test
    void anFcfsEvent_withNoStockLeft_isSoldOut_andOneThatNeverClosesHasNoClose() throws Exception {
        events.put(new Event("drop-1", EventType.FCFS, 100, 0, OPENS, null));
        clock.set(OPENS.plusSeconds(5));

        JsonNode body = body(get(EventRoutes.EVENT, "drop-1", null));

        assertThat(body.get("state").asText()).isEqualTo("SOLD_OUT");
        assertThat(body.get("remaining").asInt()).isZero();
        assertThat(body.has("closesAt")).isFalse();
    }

    @Test
    void aRaffle_beforeItsDraw_showsItsCommitmentAndDrawTime_neverItsSeed() throws Exception {
        raffle("raffle-1", 3);

        APIGatewayProxyResponseEvent upcoming = get(EventRoutes.EVENT, "raffle-1", null);
        clock.set(CLOSES);
        JsonNode closed = body(get(EventRoutes.EVENT, "raffle-1", null));

        assertThat(body(upcoming)).isEqualTo(JSON.readTree("""
                {"eventId":"raffle-1","type":"RAFFLE","opensAt":"2026-12-01T10:00:00.000Z",
                 "closesAt":"2026-12-01T10:10:00.000Z","capacity":3,"state":"UPCOMING",
                 "drawAt":"2026-12-01T10:10:01.500Z","commitment":"%s"}""".formatted(SEED.commitment())));
        assertThat(upcoming.getBody()).doesNotContain(SEED.hex());
        assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.has("draw")).isFalse();
    }

    @Test
    void aDrawnRaffle_showsItsSeedCountsAndWhereItsListsAre_withTheCallersStagePrefix() throws Exception {
        raffle("raffle-1", 3);
        PublishedDraw draw = drawn("raffle-1", 8);

        JsonNode body = body(get(EventRoutes.EVENT, "raffle-1", null));

        assertThat(body.get("state").asText()).isEqualTo("DRAWN");
        assertThat(body.get("commitment").asText()).isEqualTo(SEED.commitment());
        assertThat(body.get("draw")).isEqualTo(JSON.readTree("""
                {"drawnAt":"2026-12-01T10:10:01.500Z","seed":"%s","entries":8,"winners":3,"excluded":0,
                 "entriesUrl":"/prod/events/raffle-1/draw/entries?page=0",
                 "winnersUrl":"/prod/events/raffle-1/draw/winners?page=0"}""".formatted(SEED.hex())));
        assertThat(body.toString()).doesNotContain("user-");
        assertThat(draw.winners()).hasSize(3);
    }

    @Test
    void theDrawsLists_areServedAPageAtATime_asPublished() throws Exception {
        raffle("raffle-1", 3);
        PublishedDraw draw = drawn("raffle-1", 8);

        APIGatewayProxyResponseEvent entries = get(EventRoutes.ENTRIES, "raffle-1", Map.of("page", "0"));
        JsonNode winners = body(get(EventRoutes.WINNERS, "raffle-1", null));
        JsonNode pastTheEnd = body(get(EventRoutes.ENTRIES, "raffle-1", Map.of("page", "1")));

        assertThat(entries.getHeaders()).containsEntry("Cache-Control", "public, max-age=1");
        JsonNode page = body(entries);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("pageSize").asInt()).isEqualTo(10_000);
        assertThat(ids(page)).containsExactlyElementsOf(values(results.entries(draw.location())));
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(ids(winners)).containsExactlyElementsOf(values(draw.winners()));
        assertThat(ids(pastTheEnd)).isEmpty();
        assertThat(pastTheEnd.get("next").isNull()).isTrue();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("requestIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static List<String> values(List<RequestId> ids) {
        return ids.stream().map(RequestId::value).toList();
    }

    @Test
    void aFullPage_linksToTheNext_onlyWhileTheListGoesOn() {
        Map<String, Object> first = EventViews.page("/prod", "raffle-1", DrawFile.ENTRIES,
                0, List.of(), 10_001);
        Map<String, Object> last = EventViews.page("", "raffle-1", DrawFile.ENTRIES,
                1, List.of(), 20_000);
        Map<String, Object> exact = EventViews.page("", "raffle-1", DrawFile.WINNERS,
                0, List.of(), 10_000);

        assertThat(first).containsEntry("next", "/prod/events/raffle-1/draw/entries?page=1");
        assertThat(last).containsEntry("next", null);
        assertThat(exact).containsEntry("next", null);
    }

    @Test
    void anUnknownEvent_isNotFound_andAListOfAnEventNotDrawnToo_neverCached() throws Exception {
        raffle("raffle-1", 3);

        APIGatewayProxyResponseEvent unknown = get(EventRoutes.EVENT, "nowhere", null);
        APIGatewayProxyResponseEvent notDrawn = get(EventRoutes.WINNERS, "raffle-1", null);

        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(body(unknown).at("/error/code").asText()).isEqualTo("EVENT_NOT_FOUND");
        assertThat(notDrawn.getStatusCode()).isEqualTo(404);
        assertThat(body(notDrawn).at("/error/code").asText()).isEqualTo("EVENT_NOT_FOUND");
        assertThat(unknown.getHeaders()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void aMalformedEventId_is400() throws Exception {
        APIGatewayProxyResponseEvent response = get(EventRoutes.EVENT, "drop.1", null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("INVALID_EVENT_ID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "one", "1.5", "", "1234567890"})
    void aPageThatIsNotAWholeNumberOfZeroOrMore_is400InvalidPage(String page) throws Exception {
        raffle("raffle-1", 3);
        drawn("raffle-1", 2);

        APIGatewayProxyResponseEvent response = get(EventRoutes.ENTRIES, "raffle-1", Map.of("page", page));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("INVALID_PAGE");
    }

    @Test
    void aRouteThatIsNotOurs_isAnInternalError_sayingNothing() throws Exception {
        APIGatewayProxyResponseEvent response = get("/events/{eventId}/participations", "drop-1", null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(body(response).at("/error/message").asText()).isEqualTo("internal error");
    }
}
