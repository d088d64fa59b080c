package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.app.port.StockLedger.GrantResult;
import com.rushgate.core.app.port.StockLedger.LeaseResult;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the arrival index and the stock ledger guarantee together, for the in-memory fakes and for
 * DynamoDB: the line in arrival order across shards, one lease holder at a time, and grants that
 * move stock, requests and cursor all at once or not at all.
 */
public abstract class ArrivalLedgerContract {

    /** Parts over shared state; {@code settled()} waits until the index shows what was written. */
    public record Parts(RequestStore requests, ArrivalIndex index, StockLedger ledger, EventWriter events) {
    }

    /** Creates an event with all its stock. */
    public interface EventWriter {
        void create(Event event);
    }

    protected abstract Parts createParts();

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant LATER = T0.plusSeconds(60);
    private Parts parts;
    private String eventId;

    @BeforeEach
    void setUp() {
        parts = createParts();
        eventId = Requests.uniqueEventId();
    }

    private ParticipationRequest accepted(String userId, Instant at) {
        ParticipationRequest request = Requests.received(eventId, userId, at);
        assertThat(parts.requests().insertIfAbsent(request)).isEmpty();
        return request;
    }

    private List<ArrivalKey> line(Optional<ArrivalKey> after, Instant upTo, int limit) {
        return parts.index().next(eventId, after, upTo, limit);
    }

    private StockLedger.State acquired(String holder, Instant now) {
        LeaseResult lease = parts.ledger().acquire(eventId, holder, now, now.plusSeconds(5)).orElseThrow();
        assertThat(lease).isInstanceOf(LeaseResult.Acquired.class);
        return ((LeaseResult.Acquired) lease).state();
    }

    @Test
    void line_isInArrivalOrderAcrossShards_thenByRequestId() {
        List<ParticipationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Several arrivals in the same millisecond: requestId breaks the tie.
            requests.add(accepted("user-" + i, T0.plusMillis(i / 3)));
        }
        List<ArrivalKey> expected = requests.stream().map(ArrivalKey::of).sorted().toList();

        assertThat(line(Optional.empty(), LATER, 100)).containsExactlyElementsOf(expected);
        assertThat(line(Optional.empty(), LATER, 7)).containsExactlyElementsOf(expected.subList(0, 7));
        assertThat(line(Optional.of(expected.get(9)), LATER, 5)).containsExactlyElementsOf(expected.subList(10, 15));
    }

    @Test
    void line_stopsAtTheWatermark_inclusive() {
        ParticipationRequest early = accepted("early", T0);
        ParticipationRequest atMark = accepted("at-mark", T0.plusMillis(10));
        accepted("late", T0.plusMillis(11));

        assertThat(line(Optional.empty(), T0.plusMillis(10), 10))
                .containsExactly(ArrivalKey.of(early), ArrivalKey.of(atMark));
        assertThat(line(Optional.of(ArrivalKey.of(atMark)), T0.plusMillis(10), 10)).isEmpty();
    }

    @Test
    void line_dropsDecidedRequests_butAFailedOneKeepsItsPlace() {
        ParticipationRequest won = accepted("won", T0);
        ParticipationRequest failed = accepted("failed", T0.plusMillis(1));
        ParticipationRequest refused = accepted("refused", T0.plusMillis(2));
        ParticipationRequest waiting = accepted("waiting", T0.plusMillis(3));
        parts.events().create(Requests.openFcfs(eventId, 5, T0));
        StockLedger.State state = acquired("a", T0);
        parts.ledger().grant(eventId, "a", state, List.of(ArrivalKey.of(won)), ArrivalKey.of(won), LATER, T0);
        parts.requests().giveUp(failed.requestId(), FailureReason.RETRIES_EXHAUSTED, T0);
        var claimed = (RequestStore.ClaimResult.Claimed) parts.requests().claim(refused.requestId(), T0, LATER);
        parts.requests().reject(claimed.request(), RejectReason.EVENT_CLOSED, T0);

        assertThat(line(Optional.empty(), LATER, 10)).containsExactly(ArrivalKey.of(failed), ArrivalKey.of(waiting));
    }

    @Test
    void lease_isExclusiveUntilItExpires_andRenewableByItsHolder() {
        parts.events().create(Requests.openFcfs(eventId, 3, T0));
        acquired("first", T0);

        LeaseResult second = parts.ledger().acquire(eventId, "second", T0.plusSeconds(1), T0.plusSeconds(6)).orElseThrow();
        assertThat(second).isInstanceOf(LeaseResult.HeldElsewhere.class);
        assertThat(((LeaseResult.HeldElsewhere) second).state().holder()).contains("first");
        assertThat(((LeaseResult.HeldElsewhere) second).state().remaining()).isEqualTo(3);
        assertThat(parts.ledger().acquire(eventId, "first", T0.plusSeconds(1), T0.plusSeconds(6)).orElseThrow())
                .isInstanceOf(LeaseResult.Acquired.class);

        assertThat(parts.ledger().acquire(eventId, "second", T0.plusSeconds(7), T0.plusSeconds(12)).orElseThrow())
                .as("expired: taken over").isInstanceOf(LeaseResult.Acquired.class);
    }

    @Test
    void lease_ofAnUnknownEvent_isEmpty() {
        assertThat(parts.ledger().acquire(eventId, "a", T0, T0.plusSeconds(5))).isEmpty();
        assertThat(parts.ledger().read(eventId, true)).isEmpty();
    }

    @Test
    void grant_movesStockRequestsAndCursorTogether() {
        parts.events().create(Requests.openFcfs(eventId, 3, T0));
        List<ParticipationRequest> requests = IntStream.range(0, 3).mapToObj(i -> accepted("u" + i, T0.plusMillis(i))).toList();
        List<ArrivalKey> winners = requests.stream().limit(2).map(ArrivalKey::of).toList();
        StockLedger.State state = acquired("a", T0);

        GrantResult result = parts.ledger().grant(eventId, "a", state, winners, winners.get(1), LATER, T0.plusSeconds(2));

        assertThat(result).isInstanceOf(GrantResult.Granted.class);
        StockLedger.State after = parts.ledger().read(eventId, true).orElseThrow();
        assertThat(after.remaining()).isEqualTo(1);
        assertThat(after.cursor()).contains(winners.get(1));
        assertThat(((GrantResult.Granted) result).state().remaining()).isEqualTo(1);
        assertThat(parts.requests().find(requests.get(0).requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(parts.requests().find(requests.get(1).requestId()).orElseThrow().completedAt())
                .isEqualTo(T0.plusSeconds(2));
        assertThat(parts.requests().find(requests.get(2).requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void grant_withoutTheLease_changesNothing() {
        parts.events().create(Requests.openFcfs(eventId, 2, T0));
        ParticipationRequest alice = accepted("alice", T0);
        StockLedger.State seenByA = acquired("a", T0);
        acquired("b", T0.plusSeconds(6));

        GrantResult result = parts.ledger().grant(eventId, "a", seenByA, List.of(ArrivalKey.of(alice)),
                ArrivalKey.of(alice), LATER, T0.plusSeconds(7));

        assertThat(result).isInstanceOf(GrantResult.LeaseLost.class);
        assertThat(parts.ledger().read(eventId, true).orElseThrow().remaining()).isEqualTo(2);
        assertThat(parts.requests().find(alice.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void grant_onAStockThatChanged_changesNothing() {
        parts.events().create(Requests.openFcfs(eventId, 2, T0));
        ParticipationRequest alice = accepted("alice", T0);
        StockLedger.State state = acquired("a", T0);
        StockLedger.State stale = new StockLedger.State(5, state.cursor(), state.holder(), state.leaseUntil());

        GrantResult result = parts.ledger().grant(eventId, "a", stale, List.of(ArrivalKey.of(alice)),
                ArrivalKey.of(alice), LATER, T0);

        assertThat(result).isInstanceOf(GrantResult.StockChanged.class);
        assertThat(parts.requests().find(alice.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void grant_ofADecidedRequest_namesItAndChangesNothing() {
        parts.events().create(Requests.openFcfs(eventId, 2, T0));
        ParticipationRequest alice = accepted("alice", T0);
        ParticipationRequest bob = accepted("bob", T0.plusMillis(1));
        var claimed = (RequestStore.ClaimResult.Claimed) parts.requests().claim(bob.requestId(), T0, LATER);
        parts.requests().reject(claimed.request(), RejectReason.EVENT_CLOSED, T0);
        StockLedger.State state = acquired("a", T0);

        GrantResult result = parts.ledger().grant(eventId, "a", state, List.of(ArrivalKey.of(alice), ArrivalKey.of(bob)),
                ArrivalKey.of(bob), LATER, T0);

        assertThat(result).isInstanceOfSatisfying(GrantResult.AlreadyDecided.class,
                decided -> assertThat(decided.requestIds()).containsExactly(bob.requestId()));
        assertThat(parts.ledger().read(eventId, true).orElseThrow().remaining()).isEqualTo(2);
        assertThat(parts.requests().find(alice.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void grant_ofNobody_movesOnlyTheCursor() {
        parts.events().create(Requests.openFcfs(eventId, 2, T0));
        ParticipationRequest passed = accepted("passed", T0);
        StockLedger.State state = acquired("a", T0);

        assertThat(parts.ledger().grant(eventId, "a", state, List.of(), ArrivalKey.of(passed), LATER, T0))
                .isInstanceOf(GrantResult.Granted.class);

        StockLedger.State after = parts.ledger().read(eventId, true).orElseThrow();
        assertThat(after.remaining()).isEqualTo(2);
        assertThat(after.cursor()).contains(ArrivalKey.of(passed));
    }

    @Test
    void release_letsTheNextAllocatorInAtOnce() {
        parts.events().create(Requests.openFcfs(eventId, 1, T0));
        acquired("a", T0);

        parts.ledger().release(eventId, "a");
        parts.ledger().release(eventId, "not-the-holder");

        assertThat(parts.ledger().acquire(eventId, "b", T0.plus(Duration.ofMillis(1)), T0.plusSeconds(5)).orElseThrow())
                .isInstanceOf(LeaseResult.Acquired.class);
    }
}
