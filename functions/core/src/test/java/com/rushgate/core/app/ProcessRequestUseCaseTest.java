package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RejectReason;
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

class ProcessRequestUseCaseTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final WorkerPolicy POLICY = new WorkerPolicy(Duration.ofSeconds(30), 5);
    private static final AllocationPolicy ALLOCATION = new AllocationPolicy(Duration.ofMillis(1500),
            Duration.ofSeconds(5), AllocationPolicy.MAX_BATCH, Duration.ofSeconds(15), Duration.ofSeconds(5));

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final RecordingQueue dlq = new RecordingQueue();
    private final RecordingQueue queue = new RecordingQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private final AtomicInteger holders = new AtomicInteger();
    private StockLedger ledger = events;
    private EventCatalog catalog = events;
    private InMemoryRequestStore store = requests;

    @BeforeEach
    void setUp() {
        events.put(Event.create("drop", EventType.FCFS, 1, T0, null));
        events.put(Event.create("draw", EventType.RAFFLE, 1, T0, T0.plusSeconds(3_600)));
    }

    private ProcessRequestUseCase useCase() {
        OrderedAllocation allocation = new OrderedAllocation(store, requests, ledger, ALLOCATION, clock, clock::advance,
                () -> "allocator-" + holders.incrementAndGet(), metrics);
        return new ProcessRequestUseCase(store, catalog, allocation, queue, dlq, new DecisionRules(), POLICY, clock,
                metrics);
    }

    private WorkItem delivery(ParticipationRequest request, int receiveCount) {
        WorkMessage message = new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt());
        return WorkItem.readable("m-" + request.requestId(), "{}", message, receiveCount);
    }

    private ParticipationRequest accepted(String eventId, String userId, Instant at) {
        ParticipationRequest request = Requests.received(eventId, userId, at);
        requests.insertIfAbsent(request);
        requests.markQueued(request.requestId(), at);
        return request;
    }

    private ParticipationRequest accepted(String eventId, String userId) {
        return accepted(eventId, userId, T0);
    }

    private ParticipationRequest stored(ParticipationRequest request) {
        return requests.find(request.requestId()).orElseThrow();
    }

    private RequestStatus statusOf(ParticipationRequest request) {
        return stored(request).status();
    }

    @Test
    void fcfs_theFirstArrivalWins_evenWhenTheLaterOnesMessageComesFirst() {
        ParticipationRequest alice = accepted("drop", "alice", T0);
        ParticipationRequest bob = accepted("drop", "bob", T0.plusMillis(5));

        assertThat(useCase().process(delivery(bob, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.ALREADY_DECIDED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(statusOf(bob)).isEqualTo(RequestStatus.REJECTED);
        assertThat(stored(bob).reason()).isEqualTo("SOLD_OUT");
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
        assertThat(metrics.succeeded).hasValue(1);
        assertThat(metrics.rejected).hasValue(1);
    }

    @Test
    void fcfs_waitsForTheSettleWindowBeforeGranting() {
        ParticipationRequest alice = accepted("drop", "alice", clock.instant());

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(stored(alice).completedAt()).isAfterOrEqualTo(alice.acceptedAt().plus(ALLOCATION.settle()));
    }

    @Test
    void anEventWithoutStock_isRejectedSoldOut_byTheLedgersWord() {
        events.put(Event.create("empty", EventType.FCFS, 0, T0, null));
        ParticipationRequest erin = accepted("empty", "erin");

        assertThat(useCase().process(delivery(erin, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(erin)).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void aStaleCatalogAfterARestock_doesNotRejectWhatTheStockCanGrant_andTheFirstArrivalWins() {
        // The cache says sold out, the stock was restocked: the ledger, not the cache, decides.
        Event soldOut = new Event("drop", EventType.FCFS, 1, 0, T0, null);
        catalog = id -> Optional.of(soldOut);
        ParticipationRequest alice = accepted("drop", "alice");
        ParticipationRequest bob = accepted("drop", "bob");

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(useCase().process(delivery(bob, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(statusOf(bob)).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void raffle_recordsTheEntry_toBeDrawnAfterTheCloseAndTheSettleWindow() {
        ParticipationRequest carol = accepted("draw", "carol");

        assertThat(useCase().process(delivery(carol, 1))).isEqualTo(WorkOutcome.DECIDED);

        ParticipationRequest entered = stored(carol);
        assertThat(entered.status()).isEqualTo(RequestStatus.ENTERED);
        assertThat(entered.drawAt()).isEqualTo(T0.plusSeconds(3_600).plus(ALLOCATION.settle()));
        assertThat(entered.leaseExpiresAt()).isNull();
    }

    @Test
    void raffle_aRepeatedDeliveryOfAnEntry_isAcknowledgedAndChangesNothing() {
        ParticipationRequest carol = accepted("draw", "carol");
        useCase().process(delivery(carol, 1));
        ParticipationRequest entered = stored(carol);

        assertThat(useCase().process(delivery(carol, 2))).isEqualTo(WorkOutcome.ALREADY_DECIDED);

        assertThat(stored(carol)).isEqualTo(entered);
    }

    @Test
    void raffle_anEntryThatReachesAWorkerAfterTheDraw_isExcludedFromIt_evenWithAStaleCache() {
        ParticipationRequest carol = accepted("draw", "carol");
        Event raffle = events.find("draw").orElseThrow();
        catalog = new CachedEventCatalog(events, clock, Duration.ofMinutes(5));
        catalog.find("draw");
        events.put(raffle.withRaffle(drawnRaffle()));
        clock.advance(Duration.ofSeconds(3_600).plus(ALLOCATION.settle()));

        assertThat(useCase().process(delivery(carol, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(stored(carol).status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(stored(carol).reason()).isEqualTo(RejectReason.EXCLUDED_FROM_DRAW.name());
    }

    private static Raffle drawnRaffle() {
        DrawSeed seed = DrawSeed.fromHex("ab".repeat(32));
        return new Raffle(seed.commitment(), Raffle.DrawState.DRAWN, T0.plusSeconds(3_700), seed.hex(), 0, 0, 0,
                "draws/draw/x/", null);
    }

    @Test
    void duplicateDelivery_ofADecidedRequest_isAcknowledgedAndChangesNothing() {
        ParticipationRequest alice = accepted("drop", "alice");
        useCase().process(delivery(alice, 1));
        ParticipationRequest decided = stored(alice);

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.ALREADY_DECIDED);

        assertThat(stored(alice)).isEqualTo(decided);
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
    }

    @Test
    void aRequestLeftReceived_keepsItsPlaceAndWinsWithoutItsMessage() {
        // alice's enqueue failed: RECEIVED, no message. bob's delivery serves the line, alice first.
        ParticipationRequest alice = Requests.received("drop", "alice", T0);
        requests.insertIfAbsent(alice);
        ParticipationRequest bob = accepted("drop", "bob", T0.plusMillis(1));

        assertThat(useCase().process(delivery(bob, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(statusOf(bob)).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void raffle_liveLeaseElsewhere_isRetriedLater() {
        ParticipationRequest carol = accepted("draw", "carol");
        requests.claim(carol.requestId(), clock.instant(), clock.instant().plusSeconds(30));

        assertThat(useCase().process(delivery(carol, 2))).isEqualTo(WorkOutcome.RETRY_LATER);
        assertThat(statusOf(carol)).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void raffle_expiredLease_isTakenOverAndDecided() {
        ParticipationRequest carol = accepted("draw", "carol");
        requests.claim(carol.requestId(), clock.instant(), clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        assertThat(useCase().process(delivery(carol, 2))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(stored(carol).attempts()).isEqualTo(2);
    }

    @Test
    void fcfs_aRequestHeldByAWorker_isStillGrantedInItsTurn() {
        ParticipationRequest alice = accepted("drop", "alice");
        requests.claim(alice.requestId(), clock.instant(), clock.instant().plusSeconds(30));

        assertThat(useCase().process(delivery(alice, 2))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void unknownEvent_failsForGoodAndGoesToTheDlq() {
        ParticipationRequest ghost = accepted("vanished", "erin");

        assertThat(useCase().process(delivery(ghost, 1))).isEqualTo(WorkOutcome.DEAD_LETTERED);

        ParticipationRequest stored = stored(ghost);
        assertThat(stored.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(stored.reason()).isEqualTo("UNKNOWN_EVENT");
        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.errorType()).isEqualTo("UNKNOWN_EVENT");
            assertThat(letter.originalMessageId()).isEqualTo("m-" + ghost.requestId());
            assertThat(letter.requestId()).isEqualTo(ghost.requestId().value());
        });
    }

    @Test
    void malformedEventItem_failsForGoodWithAClearReason() {
        catalog = id -> {
            throw new MalformedItemException("event item 'drop' cannot be read: attribute capacity is missing", null);
        };
        ParticipationRequest alice = accepted("drop", "alice");

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DEAD_LETTERED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(stored(alice).reason()).isEqualTo("MALFORMED_EVENT");
        assertThat(stored(alice).leaseExpiresAt()).as("no claim left behind").isNull();
        assertThat(dlq.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.errorType()).isEqualTo("MALFORMED_EVENT");
            assertThat(letter.errorMessage()).contains("attribute capacity is missing");
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
    void conflictsOnTheStock_areRetriedInPlace() {
        ParticipationRequest alice = accepted("drop", "alice");
        AtomicInteger conflicts = new AtomicInteger(3);
        ledger = Mockitoless.conflicting(events, conflicts);

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);

        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(conflicts).as("every conflict was retried inline").hasValue(0);
        assertThat(metrics.retried).as("no delivery was given back").hasValue(0);
    }

    @Test
    void persistentFailureOnTheLastDelivery_marksFailedFinal_andTheRequestKeepsItsPlace() {
        ParticipationRequest alice = accepted("drop", "alice");
        ledger = Mockitoless.conflicting(events, new AtomicInteger(Integer.MAX_VALUE));

        assertThat(useCase().process(delivery(alice, POLICY.maxReceiveCount()))).isEqualTo(WorkOutcome.RETRY_LATER);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(stored(alice).reason()).isEqualTo("RETRIES_EXHAUSTED");

        // The faults pass; a later arrival's delivery serves the line: alice still comes first.
        ledger = events;
        ParticipationRequest bob = accepted("drop", "bob", T0.plusMillis(1));
        assertThat(useCase().process(delivery(bob, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(statusOf(bob)).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void waitingForItsTurnOnTheLastDelivery_sendsTheMessageAgainInsteadOfFailing() {
        ParticipationRequest alice = accepted("drop", "alice");
        ledger = Mockitoless.heldForever(events);

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.RETRY_LATER);
        assertThat(useCase().process(delivery(alice, POLICY.maxReceiveCount()))).isEqualTo(WorkOutcome.SENT_AGAIN);

        assertThat(queue.sent).singleElement().satisfies(m -> assertThat(m.requestId()).isEqualTo(alice.requestId()));
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void waitingForItsTurn_endsWithinTheInvocationsBudget() {
        ParticipationRequest alice = accepted("drop", "alice");
        ledger = Mockitoless.heldForever(events);
        Instant start = clock.instant();

        assertThat(useCase().process(delivery(alice, 1), Duration.ofSeconds(2))).isEqualTo(WorkOutcome.RETRY_LATER);

        assertThat(clock.instant()).as("gave up within the budget, not after maxWait").isBefore(start.plusSeconds(3));
    }

    @Test
    void claimThrottledOnTheLastDelivery_givesTheRequestUp() {
        ParticipationRequest carol = accepted("draw", "carol");
        store = spy(requests);
        doThrow(new RetryableException("throttled")).when(store).claim(any(), any(), any());

        assertThat(useCase().process(delivery(carol, POLICY.maxReceiveCount()))).isEqualTo(WorkOutcome.RETRY_LATER);

        assertThat(statusOf(carol)).isEqualTo(RequestStatus.FAILED_FINAL);
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
        requests.giveUp(alice.requestId(), FailureReason.RETRIES_EXHAUSTED, clock.instant());

        assertThat(useCase().process(delivery(alice, 1))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(statusOf(alice)).isEqualTo(RequestStatus.SUCCEEDED);
    }

    /** Hand-written ledgers for the failure cases (ports of our own, not the SDK). */
    private static final class Mockitoless {

        static StockLedger refusingLedger() {
            return new Delegating(null) {
                @Override
                public Optional<State> read(String eventId, boolean consistent) {
                    throw new AssertionError("the ledger was used for a sold-out event");
                }
            };
        }

        static StockLedger conflicting(StockLedger real, AtomicInteger conflicts) {
            return new Delegating(real) {
                @Override
                public GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners,
                                         ArrivalKey cursor, Instant leaseUntil, Instant now) {
                    if (conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new RetryableException("grant cancelled: [TransactionConflict]");
                    }
                    return super.grant(eventId, holder, before, winners, cursor, leaseUntil, now);
                }
            };
        }

        /** Another allocator holds the lease and never serves the line. */
        static StockLedger heldForever(StockLedger real) {
            return new Delegating(real) {
                @Override
                public Optional<State> read(String eventId, boolean consistent) {
                    return super.read(eventId, consistent).map(state -> new State(state.remaining(), state.cursor(),
                            Optional.of("someone-else"), Instant.MAX));
                }
            };
        }

        private static class Delegating implements StockLedger {
            private final StockLedger real;

            Delegating(StockLedger real) {
                this.real = real;
            }

            @Override
            public Optional<State> read(String eventId, boolean consistent) {
                return real.read(eventId, consistent);
            }

            @Override
            public Optional<LeaseResult> acquire(String eventId, String holder, Instant now, Instant until) {
                return real.acquire(eventId, holder, now, until);
            }

            @Override
            public GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners,
                                     ArrivalKey cursor, Instant leaseUntil, Instant now) {
                return real.grant(eventId, holder, before, winners, cursor, leaseUntil, now);
            }

            @Override
            public void release(String eventId, String holder) {
                real.release(eventId, holder);
            }
        }
    }
}
