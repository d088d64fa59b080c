package com.rushgate.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import com.rushgate.core.testing.TestWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's SnapStart hooks on the in-memory ports: a record decided and acknowledged, nothing written. */
class WorkerPrimingTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(ACCEPTED.plusSeconds(2));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents eventTable = new InMemoryEvents(requests);
    private final CachedEventCatalog events = new CachedEventCatalog(eventTable, clock, Duration.ofSeconds(5), false);
    private final RecordingQueue dlq = new RecordingQueue();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "worker");
    private final WorkerPolicy policy = new WorkerPolicy(Duration.ofSeconds(30), 5);
    private final SnapStartPriming priming = WorkerPriming.create(
            new WorkerPriming.Parts(requests, events, policy, TestWorkers.ALLOCATION, clock, pool, metrics), Runnable::run, List.of());

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void priming_decidesAndAcknowledgesItsRecord_withoutWritingSendingOrCounting() {
        eventTable.put(Event.create("drop-1", EventType.FCFS, 5, ACCEPTED.minusSeconds(60), null));
        ParticipationRequest stored = Requests.received("drop-1", "alice", ACCEPTED);
        requests.insertIfAbsent(stored);

        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes).isNotEmpty().allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(requests.all()).containsExactly(stored);
        assertThat(eventTable.find("drop-1").orElseThrow().remaining()).isEqualTo(5);
        assertThat(dlq.deadLetters).isEmpty();
        assertThat(metrics.publishedDocuments()).isZero();
    }

    @Test
    void afterRestore_forgetsCachedEvents() {
        eventTable.put(Event.create("drop-1", EventType.FCFS, 5, ACCEPTED.minusSeconds(60), null));
        events.find("drop-1");
        priming.prime();
        int reads = eventTable.reads();

        priming.restore();
        events.find("drop-1");

        assertThat(eventTable.reads()).as("read again after the restore").isEqualTo(reads + 1);
    }

    @Test
    void afterPrimingAndRestore_aRealRecordIsDecided() {
        eventTable.put(Event.create("drop-1", EventType.FCFS, 5, ACCEPTED.minusSeconds(60), null));
        ParticipationRequest stored = Requests.received("drop-1", "alice", ACCEPTED);
        requests.insertIfAbsent(stored);
        priming.prime();
        priming.restore();
        WorkerHandler handler = new WorkerHandler(TestWorkers.useCase(requests, events, eventTable, new RecordingQueue(),
                dlq, policy, clock, metrics), new DecideEntriesUseCase(requests, clock, clock::advance, metrics), pool,
                metrics, (receipt, after) -> { });
        SQSEvent batch = EventLoader.loadSQSEvent(Fixtures.event("worker-batch.json"));
        batch.setRecords(List.of(batch.getRecords().get(0)));
        batch.getRecords().get(0).setBody(WorkMessages.encode(new WorkMessage(stored.requestId(), "drop-1", ACCEPTED)));

        SQSBatchResponse response = handler.handleRequest(batch, InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(requests.find(stored.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(metrics.publishedDocuments()).isEqualTo(1);
    }

    @Test
    void onlyThePublicConstructor_registersTheHooks_andAMissingVariableStillStopsInit() {
        Env.install(ENVIRONMENT);
        int registered = SnapStartPriming.registered().size();

        new WorkerHandler();
        Map<String, String> broken = new HashMap<>(ENVIRONMENT);
        broken.remove("DLQ_URL");
        Env.install(broken);

        assertThat(SnapStartPriming.registered()).hasSize(registered + 1)
                .last().extracting(SnapStartPriming::function).isEqualTo(WorkerPriming.FUNCTION);
        assertThatThrownBy(WorkerHandler::new).isInstanceOf(ConfigurationException.class).hasMessageContaining("DLQ_URL");
        assertThat(SnapStartPriming.registered()).hasSize(registered + 1);
    }

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("SDK_HTTP_CLIENT", "url-connection"),
            Map.entry("REQUEST_TABLE", "RequestTable"),
            Map.entry("EVENT_TABLE", "EventTable"),
            Map.entry("DLQ_URL", "http://127.0.0.1:9324/000000000000/DeadLetterQueue"),
            Map.entry("LEASE_SECONDS", "30"),
            Map.entry("MAX_RECEIVE_COUNT", "5"),
            Map.entry("WORKER_PARALLELISM", "2"),
            Map.entry("EVENT_CACHE_SECONDS", "5"),
            Map.entry("ARRIVAL_SHARDS", "16"),
            Map.entry("ARRIVAL_INDEX", "ArrivalIndex"),
            Map.entry("ARRIVAL_WRITE_TIMEOUT_MS", "1000"),
            Map.entry("ARRIVAL_SETTLE_MS", "1500"),
            Map.entry("ALLOCATOR_LEASE_MS", "5000"),
            Map.entry("QUEUE_URL", "http://127.0.0.1:1/000000000000/WorkQueue"),
            Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Test"),
            Map.entry("POWERTOOLS_SERVICE_NAME", "worker"));
}
