package com.rushgate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import com.rushgate.core.testing.TestWorkers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerHandlerTest {

    private static final String SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";
    private static final Instant ACCEPTED = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(ACCEPTED.plusSeconds(2));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final RecordingQueue dlq = new RecordingQueue();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, Duration> givenBack = new ConcurrentHashMap<>();
    private WorkerHandler handler;
    private ParticipationRequest request;

    @BeforeEach
    void setUp() {
        events.put(Event.create("drop-1", EventType.FCFS, 5, ACCEPTED.minusSeconds(60), null));
        request = Requests.received("drop-1", SUB, ACCEPTED);
        requests.insertIfAbsent(request);
        requests.markQueued(request.requestId(), ACCEPTED);
        ProcessRequestUseCase useCase = TestWorkers.useCase(requests, events, events, new RecordingQueue(), dlq,
                new WorkerPolicy(Duration.ofSeconds(30), 5), clock, new PowertoolsMetrics("Test", "worker"));
        handler = new WorkerHandler(useCase, pool, new PowertoolsMetrics("Test", "worker"),
                (receipt, after) -> givenBack.put(receipt, after));
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private static SQSEvent sample() {
        return EventLoader.loadSQSEvent(Fixtures.event("worker-batch.json"));
    }

    @Test
    void batch_decidesReadableRecordsAndDeadLettersUnreadableOnes() {
        SQSBatchResponse response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(requests.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo("this is not a work message");
            assertThat(letter.originalMessageId()).isEqualTo("7a9c1e3b-2d4f-4a6b-8c0d-1e2f3a4b5c6d");
        });
    }

    @Test
    void recordWaitingForItsTurn_isTheOnlyFailure_andComesBackInASecond() {
        holdTheLineElsewhere();

        SQSBatchResponse response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("0f5d6a1e-8c6b-4d2f-9a7e-3b1c2d4e5f60");
        assertThat(givenBack).hasSize(1).containsValue(Duration.ofSeconds(1));
        assertThat(requests.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.QUEUED);
    }

    /** Another allocator holds the event's lease and never serves the line. */
    private void holdTheLineElsewhere() {
        events.acquire("drop-1", "another-allocator", clock.instant(), Instant.MAX);
    }

    @Test
    void emptyBatch_hasNoFailures() {
        assertThat(handler.handleRequest(new SQSEvent(), InvocationContext.direct()).getBatchItemFailures()).isEmpty();
    }

    @Test
    void response_serialisesWithLambdasCasing() {
        holdTheLineElsewhere();
        SQSBatchResponse response = handler.handleRequest(sample(), InvocationContext.direct());
        PojoSerializer<SQSBatchResponse> serializer =
                LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        serializer.toJson(response, out);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"0f5d6a1e-8c6b-4d2f-9a7e-3b1c2d4e5f60\"}]}");
    }
}
