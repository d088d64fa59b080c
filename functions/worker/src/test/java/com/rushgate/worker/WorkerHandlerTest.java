package com.rushgate.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
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
import java.util.ArrayList;
import java.util.List;
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
    private final InMemoryRequestStore requests = spy(new InMemoryRequestStore());
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
        PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "worker");
        handler = new WorkerHandler(useCase, new DecideEntriesUseCase(requests, clock, clock::advance, metrics), pool,
                metrics, (receipt, after) -> givenBack.put(receipt, after));
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

    private static SQSEvent decisions() {
        return EventLoader.loadSQSEvent(Fixtures.event("worker-decisions.json"));
    }

    /** The two entries events/worker-decisions.json decides, ENTERED in raffle-1 (their ids derive from the users). */
    private List<ParticipationRequest> enteredInTheRaffle() {
        events.put(Event.create("raffle-1", EventType.RAFFLE, 1, ACCEPTED.minusSeconds(60), ACCEPTED.plusSeconds(60)));
        List<ParticipationRequest> entered = new ArrayList<>();
        for (String user : List.of(SUB, "8d3e2f1a-6b5c-4a9d-8e7f-0a1b2c3d4e5f")) {
            ParticipationRequest request = Requests.received("raffle-1", user, ACCEPTED);
            requests.insertIfAbsent(request);
            ParticipationRequest claimed = ((RequestStore.ClaimResult.Claimed) requests.claim(request.requestId(), ACCEPTED,
                    ACCEPTED.plusSeconds(30))).request();
            assertThat(requests.enter(claimed, ACCEPTED.plusSeconds(62), ACCEPTED.plusSeconds(1))).isTrue();
            entered.add(claimed);
        }
        return entered;
    }

    @Test
    void aChunkOfRaffleDecisions_decidesEachEntryFromEntered_andIsAcknowledged() {
        List<ParticipationRequest> entries = enteredInTheRaffle();

        SQSBatchResponse response = handler.handleRequest(decisions(), InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).isEmpty();
        ParticipationRequest won = requests.find(entries.get(0).requestId()).orElseThrow();
        ParticipationRequest lost = requests.find(entries.get(1).requestId()).orElseThrow();
        assertThat(won.status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(lost.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(lost.reason()).isEqualTo("NOT_DRAWN");
        assertThat(dlq.deadLetters).isEmpty();
    }

    @Test
    void aChunkDeliveredTwice_decidesNothingTwice() {
        List<ParticipationRequest> entries = enteredInTheRaffle();
        handler.handleRequest(decisions(), InvocationContext.direct());
        ParticipationRequest firstAnswer = requests.find(entries.get(0).requestId()).orElseThrow();
        clock.advance(Duration.ofSeconds(30));

        SQSBatchResponse again = handler.handleRequest(decisions(), InvocationContext.direct());

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(requests.find(entries.get(0).requestId())).contains(firstAnswer);
    }

    @Test
    void aChunkWhoseWritesKeepFailing_comesBackWhole_andWhatItDecidedStays() {
        List<ParticipationRequest> entries = enteredInTheRaffle();
        RequestId throttled = entries.get(1).requestId();
        doThrow(new RetryableException("ProvisionedThroughputExceeded")).when(requests)
                .decideEntry(argThat(decision -> decision != null && decision.requestId().equals(throttled)), any(), any());

        SQSBatchResponse response = handler.handleRequest(decisions(), InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98");
        assertThat(givenBack).containsValue(Duration.ofSeconds(1));
        assertThat(requests.find(entries.get(0).requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(requests.find(entries.get(1).requestId()).orElseThrow().status()).isEqualTo(RequestStatus.ENTERED);
    }

    @Test
    void aChunkThatCannotBeRead_goesToTheDlqAsItIs_withWhatIsWrong() {
        SQSEvent batch = decisions();
        String broken = "{\"v\":1,\"kind\":\"drawDecisions\",\"eventId\":\"raffle-1\",\"drawnAt\":\"yesterday\",\"entries\":[]}";
        batch.getRecords().get(0).setBody(broken);

        SQSBatchResponse response = handler.handleRequest(batch, InvocationContext.direct());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo(broken);
            assertThat(letter.errorType()).isEqualTo(DeadLetter.UNREADABLE_MESSAGE);
            assertThat(letter.errorMessage()).contains("drawnAt");
        });
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
