package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class ProcessRequestUseCaseTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final WorkerPolicy POLICY = new WorkerPolicy(Duration.ofSeconds(30), 5);

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final RecordingQueue dlq = new RecordingQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private StockAllocator stock = events;
    private InMemoryRequestStore store = requests;

    @BeforeEach
    void setUp() {
        events.put(Event.create("drop", EventType.FCFS, 1, T0, null));
        events.put(Event.create("draw", EventType.RAFFLE, 1, T0, null));
    }

    private ProcessRequestUseCase useCase() {
        return new ProcessRequestUseCase(store, events, stock, dlq, new DecisionRules(), POLICY, clock, metrics);
    }

    private WorkItem delivery(ParticipationRequest request, int receiveCount) {
        WorkMessage message = new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt());
        return WorkItem.readable("m-" + request.requestId(), "{}", message, receiveCount);
    }

    private ParticipationRequest accepted(String eventId, String userId) {
        ParticipationRequest request = Requests.received(eventId, userId, T0);
        requests.insertIfAbsent(request);
        requests.markQueued(request.requestId(), T0);
        return request;
    }

    private RequestStatus statusOf(ParticipationRequest request) {
        return requests.find(request.requestId()).orElseThrow().status();
    }

    @Test
    void fcfs_firstWinsAndTheRestAreSoldOut() {
        ParticipationRequest alice = accepted("drop", "alice");
        ParticipationRequest bob = accepted("drop", "bob");

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(useCase().process(delivery(bob, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(statusOf(bob)).isEqualTo(RequestStatus.REJECTED);
        assertThat(requests.find(bob.requestId()).orElseThrow().reason()).isEqualTo("SOLD_OUT");
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
        assertThat(metrics.succeeded).hasValue(1);
        assertThat(metrics.rejected).hasValue(1);
    }

    @Test
    void afterOneSoldOut_laterRequestsOfTheEventAreRejectedWithoutTheTransaction() {
        Event cachedBeforeTheDrop = events.find("drop").orElseThrow();
        AtomicInteger transactions = new AtomicInteger();
        StockAllocator counting = (request, now) -> {
            transactions.incrementAndGet();
            return events.allocate(request, now);
        };
        // The catalog still says one unit is left, as a cache loaded before the drop opened would.
        ProcessRequestUseCase worker = new ProcessRequestUseCase(store, id -> Optional.of(cachedBeforeTheDrop),
                counting, dlq, new DecisionRules(), POLICY, clock, metrics);
        List<ParticipationRequest> late = List.of(accepted("drop", "bob"), accepted("drop", "carol"),
                accepted("drop", "dave"));
        ParticipationRequest alice = accepted("drop", "alice");

        assertThat(worker.process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);
        for (ParticipationRequest request : late) {
            assertThat(worker.process(delivery(request, 1))).isEqualTo(WorkOutcome.DECIDED);
            assertThat(statusOf(request)).isEqualTo(RequestStatus.REJECTED);
            assertThat(requests.find(request.requestId()).orElseThrow().reason()).isEqualTo("SOLD_OUT");
        }

        // One winner, one transaction that found the stock gone; the other two never touched the stock.
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(transactions).hasValue(2);
        assertThat(metrics.succeeded).hasValue(1);
        assertThat(metrics.rejected).hasValue(3);
    }

    @Test
    void anEventWithoutStockInTheCatalog_isRejectedWithoutTheTransaction() {
        events.put(Event.create("empty", EventType.FCFS, 0, T0, null));
        AtomicInteger transactions = new AtomicInteger();
        StockAllocator counting = (request, now) -> {
            transactions.incrementAndGet();
            return events.allocate(request, now);
        };
        ProcessRequestUseCase worker = new ProcessRequestUseCase(store, events, counting, dlq, new DecisionRules(),
                POLICY, clock, metrics);
        ParticipationRequest erin = accepted("empty", "erin");

        assertThat(worker.process(delivery(erin, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(erin)).isEqualTo(RequestStatus.REJECTED);
        assertThat(transactions).hasValue(0);
    }

    @Test
    void raffle_recordsTheEntry() {
        ParticipationRequest carol = accepted("draw", "carol");

        assertThat(useCase().process(delivery(carol, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(carol)).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void duplicateDelivery_ofADecidedRequest_isAcknowledgedAndChangesNothing() {
        ParticipationRequest alice = accepted("drop", "alice");
        useCase().process(delivery(alice, 1));
        ParticipationRequest decided = requests.find(alice.requestId()).orElseThrow();

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.ALREADY_DECIDED);

        assertThat(requests.find(alice.requestId()).orElseThrow()).isEqualTo(decided);
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
    }

    @Test
    void requestStillReceived_isProcessedAnyway() {
        ParticipationRequest request = Requests.received("drop", "dave", T0);
        requests.insertIfAbsent(request);

        assertThat(useCase().process(delivery(request, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(request)).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void liveLeaseElsewhere_isRetriedLater() {
        ParticipationRequest alice = accepted("drop", "alice");
        requests.claim(alice.requestId(), clock.instant(), clock.instant().plusSeconds(30));

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.RETRY_LATER);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void expiredLease_isTakenOverAndDecided() {
        ParticipationRequest alice = accepted("drop", "alice");
        requests.claim(alice.requestId(), clock.instant(), clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(requests.find(alice.requestId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void unknownEvent_failsForGoodAndGoesToTheDlq() {
        ParticipationRequest ghost = accepted("vanished", "erin");

        assertThat(useCase().process(delivery(ghost, 1))).isEqualTo(WorkOutcome.DEAD_LETTERED);

        ParticipationRequest stored = requests.find(ghost.requestId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(stored.reason()).isEqualTo("UNKNOWN_EVENT");
        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.errorType()).isEqualTo("UNKNOWN_EVENT");
            assertThat(letter.originalMessageId()).isEqualTo("m-" + ghost.requestId());
            assertThat(letter.requestId()).isEqualTo(ghost.requestId().value());
        });
    }

    @Test
    void unreadableMessage_goesToTheDlqAsItIs() {
        WorkItem garbage = WorkItem.unreadable("m-1", "not json", "body is not JSON", 1);

        assertThat(useCase().process(garbage)).isEqualTo(WorkOutcome.DEAD_LETTERED);

        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo("not json");
            assertThat(letter.errorType()).isEqualTo(DeadLetter.UNREADABLE_MESSAGE);
            assertThat(letter.errorMessage()).isEqualTo("body is not JSON");
        });
    }

    @Test
    void messageForAMissingRequest_goesToTheDlq() {
        ParticipationRequest never = Requests.received("drop", "frank", T0);

        assertThat(useCase().process(delivery(never, 1))).isEqualTo(WorkOutcome.DEAD_LETTERED);
        assertThat(dlq.deadLetters).singleElement()
                .satisfies(letter -> assertThat(letter.errorType()).isEqualTo("INVALID_MESSAGE"));
    }

    @Test
    void retryableFailure_releasesTheLeaseSoTheNextDeliveryCanClaim() {
        ParticipationRequest alice = accepted("drop", "alice");
        stock = Mockito.mock(StockAllocator.class);
        Mockito.when(stock.allocate(any(), any())).thenThrow(new RetryableException("TransactionConflict"));

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.RETRY_LATER);
        clock.advance(Duration.ofMillis(1));
        stock = events;

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(metrics.retried).hasValue(1);
    }

    @Test
    void retryableFailureOnTheLastDelivery_marksFailedFinalBeforeSqsMovesTheMessage() {
        ParticipationRequest alice = accepted("drop", "alice");
        stock = Mockito.mock(StockAllocator.class);
        Mockito.when(stock.allocate(any(), any())).thenThrow(new RetryableException("throttled"));

        assertThat(useCase().process(delivery(alice, POLICY.maxReceiveCount()))).isEqualTo(WorkOutcome.RETRY_LATER);

        ParticipationRequest stored = requests.find(alice.requestId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(stored.reason()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(dlq.deadLetters).as("SQS's RedrivePolicy moves it, not the worker").isEmpty();
        assertThat(events.find("drop").orElseThrow().remaining()).isEqualTo(1);
    }

    @Test
    void claimThrottledOnTheLastDelivery_givesTheRequestUp() {
        ParticipationRequest alice = accepted("drop", "alice");
        store = spy(requests);
        doThrow(new RetryableException("throttled")).when(store).claim(any(), any(), any());

        assertThat(useCase().process(delivery(alice, POLICY.maxReceiveCount()))).isEqualTo(WorkOutcome.RETRY_LATER);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.FAILED_FINAL);
    }

    @Test
    void dlqUnavailable_keepsTheMessageOnTheMainQueue() {
        ParticipationRequest ghost = accepted("vanished", "erin");
        dlq.failNextSends(true);

        assertThat(useCase().process(delivery(ghost, 1))).isEqualTo(WorkOutcome.RETRY_LATER);
        dlq.failNextSends(false);

        assertThat(useCase().process(delivery(ghost, 2))).as("FAILED_FINAL is claimable again")
                .isEqualTo(WorkOutcome.DEAD_LETTERED);
        assertThat(dlq.deadLetters).hasSize(1);
    }

    @Test
    void failedFinalRequest_redrivenThroughTheConsole_isDecided() {
        ParticipationRequest alice = accepted("drop", "alice");
        requests.giveUp(alice.requestId(), com.rushgate.core.domain.FailureReason.RETRIES_EXHAUSTED, clock.instant());

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
    }
}
