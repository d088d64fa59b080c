package com.rushgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingest's SnapStart hooks on the in-memory ports: the handler path runs, nothing is written or counted. */
class IngestPrimingTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents eventTable = new InMemoryEvents(requests);
    private final CachedEventCatalog events = new CachedEventCatalog(eventTable, clock, Duration.ofSeconds(5));
    private final RecordingQueue queue = new RecordingQueue();
    private final HmacUserKeys userKeys = new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private final PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "ingest");
    private final IdempotencyRecords idempotency = new IdempotencyRecords(new ParticipateUseCase(events, requests,
            queue, new Sha256RequestIds(), userKeys, clock, metrics), Duration.ofHours(1));
    private final SnapStartPriming priming = IngestPriming.create(
            new IngestPriming.Parts(events, requests, userKeys, clock, metrics, idempotency), Runnable::run, List.of());

    @Test
    void priming_takesTheHandlerPath_andWritesAndCountsNothing() {
        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes).isNotEmpty().allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(requests.all()).isEmpty();
        assertThat(queue.sent).isEmpty();
        assertThat(metrics.publishedDocuments()).isZero();
        assertThat(eventTable.reads()).as("the event lookup reached the table").isPositive();
    }

    @Test
    void afterRestore_forgetsCachedEvents() {
        eventTable.put(Event.create("drop-1", EventType.FCFS, 10, Instant.EPOCH, null));
        events.find("drop-1");
        priming.prime();
        int reads = eventTable.reads();

        priming.restore();
        events.find("drop-1");

        assertThat(eventTable.reads()).as("read again after the restore").isEqualTo(reads + 1);
    }

    @Test
    void afterPrimingAndRestore_aRealParticipationIsRecordedQueuedAndIdempotentOnTheRequest() throws Exception {
        eventTable.put(Event.create("drop-1", EventType.FCFS, 10, Instant.EPOCH, null));
        priming.prime();
        priming.restore();
        IngestHandler handler = new IngestHandler(new IdempotentParticipations(new ParticipateUseCase(events, requests,
                queue, new Sha256RequestIds(), userKeys, clock, metrics)), new RequestStatusUseCase(requests), userKeys,
                metrics);

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());
        APIGatewayProxyResponseEvent duplicate = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(duplicate.getStatusCode()).isEqualTo(200);
        assertThat(requests.all()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RequestStatus.QUEUED));
        assertThat(queue.sent).hasSize(1);
        assertThat(metrics.publishedDocuments()).as("the replay from the container's cache counts nothing").isEqualTo(1);
    }

    @Test
    void onlyThePublicConstructor_registersTheHooks_andAMissingVariableStillStopsInit() {
        Env.install(ENVIRONMENT);
        int registered = SnapStartPriming.registered().size();

        new IngestHandler();
        Map<String, String> broken = new HashMap<>(ENVIRONMENT);
        broken.remove("REQUEST_TABLE");
        Env.install(broken);

        assertThat(SnapStartPriming.registered()).hasSize(registered + 1)
                .last().extracting(SnapStartPriming::function).isEqualTo(IngestPriming.FUNCTION);
        assertThatThrownBy(IngestHandler::new).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REQUEST_TABLE");
        assertThat(SnapStartPriming.registered()).hasSize(registered + 1);
    }

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("SDK_HTTP_CLIENT", "url-connection"),
            Map.entry("REQUEST_TABLE", "RequestTable"),
            Map.entry("EVENT_TABLE", "EventTable"),
            Map.entry("QUEUE_URL", "http://127.0.0.1:9324/000000000000/WorkQueue"),
            Map.entry("EVENT_CACHE_SECONDS", "5"),
            Map.entry("IDEMPOTENCY_TTL_SECONDS", "3600"),
            Map.entry("ARRIVAL_SHARDS", "16"),
            Map.entry("ARRIVAL_WRITE_TIMEOUT_MS", "1000"),
            Map.entry("USER_KEY_SECRET", "k".repeat(64)),
            Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Test"),
            Map.entry("POWERTOOLS_SERVICE_NAME", "ingest"));

    private static APIGatewayProxyRequestEvent sample() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(Fixtures.event("participate.json"));
        event.setPathParameters(new HashMap<>(Map.of("eventId", "drop-1")));
        return event;
    }
}
