package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.OrderedAllocation.Outcome;
import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OrderedAllocationTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final AllocationPolicy POLICY = new AllocationPolicy(Duration.ofMillis(1500), Duration.ofSeconds(5),
            10, Duration.ofSeconds(15), Duration.ofSeconds(5));

    private final MutableClock clock = new MutableClock(T0.plusSeconds(2));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final CountingMetrics metrics = new CountingMetrics();
    private final AtomicInteger holders = new AtomicInteger();

    private OrderedAllocation allocation() {
        return new OrderedAllocation(requests, requests, events, POLICY, clock, clock::advance,
                () -> "allocator-" + holders.incrementAndGet(), metrics);
    }

    private Event fcfs(int capacity, Instant closesAt) {
        Event event = Event.create("drop", EventType.FCFS, capacity, T0, closesAt);
        events.put(event);
        return event;
    }

    private List<ParticipationRequest> arrivals(int count) {
        List<ParticipationRequest> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ParticipationRequest request = Requests.received("drop", "user-" + i, T0.plusMillis(i / 2));
            requests.insertIfAbsent(request);
            all.add(request);
        }
        return all;
    }

    private List<ArrivalKey> firstInLine(List<ParticipationRequest> all, int count) {
        return all.stream().map(ArrivalKey::of).sorted().limit(count).toList();
    }

    private List<ArrivalKey> winners() {
        return requests.all().stream().filter(r -> r.status() == RequestStatus.SUCCEEDED).map(ArrivalKey::of).sorted()
                .toList();
    }

    private static StockLedger.State taken(StockLedger.LeaseResult lease) {
        return ((StockLedger.LeaseResult.Acquired) lease).state();
    }

    private Outcome serve(Event event, ParticipationRequest request) {
        ParticipationRequest fresh = requests.find(request.requestId()).orElseThrow();
        return allocation().serve(event, fresh, clock.instant().plus(POLICY.maxWait()));
    }

    @Test
    void whateverTheOrderOfDeliveries_theFirstArrivalsWin() {
        Event event = fcfs(12, null);
        List<ParticipationRequest> all = arrivals(40);
        List<ParticipationRequest> deliveries = new ArrayList<>(all);
        Collections.shuffle(deliveries, new Random(7));

        List<Outcome> outcomes = deliveries.stream().map(request -> serve(event, request)).toList();

        assertThat(winners()).containsExactlyElementsOf(firstInLine(all, 12));
        assertThat(outcomes).containsOnly(Outcome.GRANTED, Outcome.SOLD_OUT);
        assertThat(outcomes.stream().filter(o -> o == Outcome.GRANTED).count())
                .as("a delivery whose request another delivery granted still sees GRANTED").isLessThanOrEqualTo(12);
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
        assertThat(metrics.succeeded).as("each unit counted once, by the allocator that granted it").hasValue(12);
    }

    @Test
    void manyAllocatorsAtOnce_oneLeaseAtATime_noUnitGrantedTwice() throws Exception {
        Event event = fcfs(25, null);
        List<ParticipationRequest> all = arrivals(120);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (ParticipationRequest request : all) {
                outcomes.add(pool.submit(() -> serve(event, request)));
            }
            for (Future<Outcome> outcome : outcomes) {
                assertThat(outcome.get()).isIn(Outcome.GRANTED, Outcome.SOLD_OUT, Outcome.PENDING);
            }
        } finally {
            pool.shutdownNow();
        }
        // Whatever timed out is served by the next delivery; the winners are settled by then.
        all.forEach(request -> serve(event, request));

        assertThat(winners()).containsExactlyElementsOf(firstInLine(all, 25));
        assertThat(events.grants()).isEqualTo(25);
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
    }

    @Test
    void whileAnotherAllocatorIsGranting_aDeliveryWaitsItsTurn_insteadOfRetryingTheLease() {
        Event event = fcfs(1, null);
        ParticipationRequest only = arrivals(1).get(0);
        AtomicInteger attempts = new AtomicInteger();
        StockLedger busyAtFirst = new StockLedger() {
            @Override
            public Optional<State> read(String eventId, boolean consistent) {
                return events.read(eventId, consistent);
            }

            @Override
            public Optional<LeaseResult> acquire(String eventId, String holder, Instant now, Instant until) {
                return attempts.incrementAndGet() <= 3 ? Optional.of(new LeaseResult.Granting())
                        : events.acquire(eventId, holder, now, until);
            }

            @Override
            public GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners,
                                     ArrivalKey cursor, Instant leaseUntil, Instant now) {
                return events.grant(eventId, holder, before, winners, cursor, leaseUntil, now);
            }

            @Override
            public void release(String eventId, String holder) {
                events.release(eventId, holder);
            }
        };
        Instant start = clock.instant();
        OrderedAllocation allocation = new OrderedAllocation(requests, requests, busyAtFirst, POLICY, clock,
                clock::advance, () -> "allocator-" + holders.incrementAndGet(), metrics);

        Outcome outcome = allocation.serve(event, requests.find(only.requestId()).orElseThrow(),
                clock.instant().plus(POLICY.maxWait()));

        assertThat(outcome).isEqualTo(Outcome.GRANTED);
        assertThat(attempts).as("one lease attempt per wait, none retried on the spot").hasValue(4);
        assertThat(clock.instant()).as("it waited between them").isAfter(start);
    }

    @Test
    void anAllocatorThatDiesMidRound_holdsTheLineUpOnlyUntilItsLeaseExpires() {
        Event event = fcfs(10, null);
        List<ParticipationRequest> all = arrivals(30);
        List<ArrivalKey> line = firstInLine(all, 30);
        // An allocator granted the first four, then died holding its lease.
        StockLedger.State state = events.acquire("drop", "dead", clock.instant(), clock.instant().plus(POLICY.lease()))
                .map(OrderedAllocationTest::taken).orElseThrow();
        events.grant("drop", "dead", state, line.subList(0, 4), line.get(3), clock.instant().plus(POLICY.lease()),
                clock.instant());
        Instant diedAt = clock.instant();

        ParticipationRequest last = all.get(29);
        assertThat(serve(event, last)).isEqualTo(Outcome.SOLD_OUT);

        assertThat(clock.instant()).as("waited for the dead lease").isAfter(diedAt.plus(POLICY.lease()));
        assertThat(winners()).containsExactlyElementsOf(line.subList(0, 10));
        assertThat(events.grants()).isEqualTo(10);
    }

    @Test
    void aRequestTheLinePassedBeforeItShowedInTheIndex_isServedFirst() {
        Event event = fcfs(3, null);
        List<ParticipationRequest> all = arrivals(6);
        List<ArrivalKey> line = firstInLine(all, 6);
        ParticipationRequest late = all.stream().filter(r -> ArrivalKey.of(r).equals(line.get(1))).findFirst().orElseThrow();
        // The line was served past it while the index did not show it: line[0] and line[2] won.
        StockLedger.State state = events.acquire("drop", "earlier", clock.instant(), clock.instant()).map(OrderedAllocationTest::taken).orElseThrow();
        events.grant("drop", "earlier", state, List.of(line.get(0), line.get(2)), line.get(2), clock.instant(),
                clock.instant());

        assertThat(serve(event, late)).isEqualTo(Outcome.GRANTED);

        assertThat(winners()).as("the last unit goes to it, not to line[3]").containsExactlyElementsOf(line.subList(0, 3));
        assertThat(events.find("drop").orElseThrow().remaining()).isZero();
    }

    @Test
    void requestsAcceptedAfterTheClose_arePassedOverWithoutStock() {
        Event event = fcfs(5, T0.plusMillis(2));
        List<ParticipationRequest> all = arrivals(10);

        serve(event, all.get(0));

        // Accepted at T0 + 0, 1 ms: the four before the close; the rest are for their own deliveries to reject.
        assertThat(winners()).hasSize(4).containsExactlyElementsOf(firstInLine(all, 4));
        assertThat(events.find("drop").orElseThrow().remaining()).isEqualTo(1);
        assertThat(events.read("drop", true).flatMap(StockLedger.State::cursor))
                .as("the line was served past them").isEqualTo(Optional.of(firstInLine(all, 10).get(9)));
    }

    @Test
    void aRequestNotSettledYet_waitsForTheWindowInsteadOfJumpingTheLine() {
        Event event = fcfs(1, null);
        ParticipationRequest now = Requests.received("drop", "fresh", clock.instant());
        requests.insertIfAbsent(now);
        Instant start = clock.instant();

        assertThat(serve(event, now)).isEqualTo(Outcome.GRANTED);

        assertThat(clock.instant()).isAfterOrEqualTo(start.plus(POLICY.settle()));
    }

    @Test
    void aSellOutIsRememberedOnlyAsLongAsTheEventCache_soARestockIsServed() {
        Event event = fcfs(1, null);
        List<ParticipationRequest> all = arrivals(3);
        List<ArrivalKey> line = firstInLine(all, 3);
        OrderedAllocation allocation = allocation();
        ParticipationRequest second = requests.find(line.get(1).requestId()).orElseThrow();
        assertThat(allocation.serve(event, second, clock.instant().plus(POLICY.maxWait()))).isEqualTo(Outcome.SOLD_OUT);
        // An operator restocks: two more units.
        events.put(new Event("drop", EventType.FCFS, 3, 2, T0, null));

        assertThat(allocation.serve(event, second, clock.instant().plus(POLICY.maxWait())))
                .as("within the memory: no read of the hot item").isEqualTo(Outcome.SOLD_OUT);
        clock.advance(POLICY.soldOutMemory().plusMillis(1));
        assertThat(allocation.serve(event, second, clock.instant().plus(POLICY.maxWait()))).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void aRequestAcceptedAfterTheSellOutWasSeen_readsTheStock_soOneArrivingAfterARestockWins() {
        Event event = fcfs(1, null);
        List<ParticipationRequest> all = arrivals(2);
        List<ArrivalKey> line = firstInLine(all, 2);
        OrderedAllocation allocation = allocation();
        ParticipationRequest second = requests.find(line.get(1).requestId()).orElseThrow();
        assertThat(allocation.serve(event, second, clock.instant().plus(POLICY.maxWait()))).isEqualTo(Outcome.SOLD_OUT);
        // The worker records the refusal, as it does with a SOLD_OUT.
        RequestStore.ClaimResult claimed = requests.claim(second.requestId(), clock.instant(), clock.instant().plusSeconds(30));
        requests.reject(((RequestStore.ClaimResult.Claimed) claimed).request(), RejectReason.SOLD_OUT, clock.instant());
        // An operator restocks one unit, and a participant arrives after it, within the memory.
        events.put(new Event("drop", EventType.FCFS, 2, 1, T0, null));
        clock.advance(Duration.ofMillis(10));
        ParticipationRequest late = Requests.received("drop", "after-restock", clock.instant());
        requests.insertIfAbsent(late);

        assertThat(allocation.serve(event, late, clock.instant().plus(POLICY.maxWait()))).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void aRequestTheIndexDoesNotShowYet_waitsAndIsServedOnceItShows() {
        Event event = fcfs(2, null);
        ParticipationRequest hidden = arrivals(1).get(0);
        AtomicInteger lagging = new AtomicInteger(3);
        ArrivalIndex laggingIndex = new ArrivalIndex() {
            @Override
            public List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit) {
                return lagging.getAndDecrement() > 0 ? List.of() : requests.next(eventId, cursor, upTo, limit);
            }

            @Override
            public void forEach(String eventId, Consumer<Arrival> action) {
                requests.forEach(eventId, action);
            }
        };
        OrderedAllocation allocation = new OrderedAllocation(requests, laggingIndex, events, POLICY, clock,
                clock::advance, () -> "allocator-" + holders.incrementAndGet(), metrics);
        Instant start = clock.instant();

        assertThat(allocation.serve(event, hidden, clock.instant().plus(POLICY.maxWait()))).isEqualTo(Outcome.GRANTED);

        assertThat(clock.instant()).as("paused between rounds instead of spinning").isAfter(start);
        assertThat(lagging.get()).isNegative();
    }
}
