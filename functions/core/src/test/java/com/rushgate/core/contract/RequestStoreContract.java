package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RequestStore} guarantees. Subclassed for the in-memory fake and for DynamoDB
 * Local; each test uses a fresh event id, so stores need no cleanup between tests.
 */
public abstract class RequestStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private RequestStore store;
    private String eventId;

    /** A store over an empty or shared table; the contract never reads other tests' ids. */
    protected abstract RequestStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
        eventId = Requests.uniqueEventId();
    }

    private ParticipationRequest inserted(String userId) {
        ParticipationRequest request = Requests.received(eventId, userId, T0);
        assertThat(store.insertIfAbsent(request)).isEmpty();
        return request;
    }

    private ParticipationRequest claimedAt(ParticipationRequest request, Instant now) {
        ClaimResult result = store.claim(request.requestId(), now, now.plus(LEASE));
        assertThat(result).isInstanceOf(ClaimResult.Claimed.class);
        return ((ClaimResult.Claimed) result).request();
    }

    @Test
    void insertIfAbsent_whenNew_storesTheRequestAsReceived() {
        ParticipationRequest request = inserted("alice");

        ParticipationRequest stored = store.find(request.requestId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(stored.userId()).isEqualTo("alice");
        assertThat(stored.acceptedAt()).isEqualTo(T0);
        assertThat(stored.attempts()).isZero();
    }

    @Test
    void insertIfAbsent_whenDuplicate_returnsTheExistingRequestUnchanged() {
        ParticipationRequest first = inserted("alice");
        store.markQueued(first.requestId(), T0.plusMillis(5));

        ParticipationRequest again = Requests.received(eventId, "alice", T0.plusSeconds(9));
        var existing = store.insertIfAbsent(again);

        assertThat(existing).isPresent();
        assertThat(existing.get().status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(existing.get().acceptedAt()).isEqualTo(T0);
        assertThat(store.find(first.requestId()).orElseThrow().acceptedAt()).isEqualTo(T0);
    }

    @Test
    void find_whenUnknown_isEmpty() {
        assertThat(store.find(new Sha256RequestIds().derive(eventId, "nobody"))).isEmpty();
    }

    @Test
    void insertIfAbsent_withAHold_keepsItUntilQueued() {
        ParticipationRequest held = Requests.received(eventId, "alice", T0).heldUntil(T0.plusSeconds(10));
        assertThat(store.insertIfAbsent(held)).isEmpty();

        assertThat(store.find(held.requestId()).orElseThrow().sendingAt(T0.plusSeconds(9))).isTrue();
        assertThat(store.insertIfAbsent(held)).hasValueSatisfying(existing ->
                assertThat(existing.leaseExpiresAt()).isEqualTo(T0.plusSeconds(10)));

        assertThat(store.markQueued(held.requestId(), T0.plusMillis(20))).isTrue();
        assertThat(store.find(held.requestId()).orElseThrow().leaseExpiresAt()).as("the hold ends with QUEUED").isNull();
    }

    @Test
    void hold_takesOverOnlyAnExpiredHoldOfAReceivedRequest() {
        ParticipationRequest held = Requests.received(eventId, "alice", T0).heldUntil(T0.plusSeconds(10));
        store.insertIfAbsent(held);

        assertThat(store.hold(held.requestId(), T0.plusSeconds(5), T0.plusSeconds(15))).as("still held").isEmpty();
        var taken = store.hold(held.requestId(), T0.plusSeconds(11), T0.plusSeconds(21));

        assertThat(taken).hasValueSatisfying(r -> {
            assertThat(r.leaseExpiresAt()).isEqualTo(T0.plusSeconds(21));
            assertThat(r.version()).isEqualTo(held.version() + 1);
            assertThat(r.acceptedAt()).as("the arrival is kept").isEqualTo(T0);
        });
        store.markQueued(held.requestId(), T0.plusSeconds(12));
        assertThat(store.hold(held.requestId(), T0.plusSeconds(30), T0.plusSeconds(40))).as("queued").isEmpty();
    }

    @Test
    void unhold_givesBackOnlyTheHoldTheCallerWrote() {
        ParticipationRequest held = Requests.received(eventId, "alice", T0).heldUntil(T0.plusSeconds(10));
        store.insertIfAbsent(held);
        ParticipationRequest other = store.hold(held.requestId(), T0.plusSeconds(11), T0.plusSeconds(21)).orElseThrow();

        assertThat(store.unhold(held, T0.plusSeconds(12))).as("taken over since").isFalse();
        assertThat(store.unhold(other, T0.plusSeconds(12))).isTrue();

        ParticipationRequest now = store.find(held.requestId()).orElseThrow();
        assertThat(now.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(now.leaseExpiresAt()).isNull();
        assertThat(store.hold(held.requestId(), T0.plusSeconds(13), T0.plusSeconds(23))).isPresent();
    }

    @Test
    void markQueued_movesReceivedOnlyOnce() {
        ParticipationRequest request = inserted("alice");

        assertThat(store.markQueued(request.requestId(), T0.plusMillis(1))).isTrue();
        assertThat(store.markQueued(request.requestId(), T0.plusMillis(2))).isFalse();
        assertThat(store.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void markQueued_whenWorkerWasFaster_neverMovesBack() {
        ParticipationRequest request = inserted("alice");
        claimedAt(request, T0.plusMillis(1));

        assertThat(store.markQueued(request.requestId(), T0.plusMillis(2))).isFalse();
        assertThat(store.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void claim_fromReceivedOrQueued_countsTheAttemptAndSetsTheLease() {
        ParticipationRequest received = inserted("alice");
        ParticipationRequest queued = inserted("bob");
        store.markQueued(queued.requestId(), T0);

        ParticipationRequest a = claimedAt(received, T0.plusSeconds(1));
        ParticipationRequest b = claimedAt(queued, T0.plusSeconds(1));

        for (ParticipationRequest claimed : new ParticipationRequest[] {a, b}) {
            assertThat(claimed.status()).isEqualTo(RequestStatus.PROCESSING);
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(claimed.startedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(claimed.leaseExpiresAt()).isEqualTo(T0.plusSeconds(1).plus(LEASE));
        }
    }

    @Test
    void claim_whenLeaseIsLive_isRefusedWithTheCurrentHolder() {
        ParticipationRequest request = inserted("alice");
        claimedAt(request, T0);

        ClaimResult second = store.claim(request.requestId(), T0.plusSeconds(5), T0.plusSeconds(35));

        assertThat(second).isInstanceOf(ClaimResult.NotClaimable.class);
        ParticipationRequest current = ((ClaimResult.NotClaimable) second).current();
        assertThat(current.status()).isEqualTo(RequestStatus.PROCESSING);
        assertThat(current.attempts()).isEqualTo(1);
    }

    @Test
    void claim_whenLeaseExpired_takesOverWithTheNextAttempt() {
        ParticipationRequest request = inserted("alice");
        ParticipationRequest first = claimedAt(request, T0);

        ParticipationRequest second = claimedAt(request, T0.plus(LEASE).plusSeconds(1));

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(store.succeed(first, T0.plus(LEASE).plusSeconds(2))).as("stale holder").isFalse();
        assertThat(store.succeed(second, T0.plus(LEASE).plusSeconds(2))).isTrue();
    }

    @Test
    void claim_whenDecided_isRefused() {
        ParticipationRequest request = inserted("alice");
        ParticipationRequest claimed = claimedAt(request, T0);
        store.reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(1));

        ClaimResult again = store.claim(request.requestId(), T0.plusSeconds(100), T0.plusSeconds(130));

        assertThat(again).isInstanceOf(ClaimResult.NotClaimable.class);
        assertThat(((ClaimResult.NotClaimable) again).current().status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void claim_whenFailedFinal_isAllowedForConsoleRedrives() {
        ParticipationRequest request = inserted("alice");
        store.fail(claimedAt(request, T0), FailureReason.UNKNOWN_EVENT, T0.plusSeconds(1));

        ParticipationRequest again = claimedAt(request, T0.plusSeconds(2));

        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void claim_whenMissing_saysMissing() {
        ClaimResult result = store.claim(new Sha256RequestIds().derive(eventId, "ghost"), T0, T0.plus(LEASE));

        assertThat(result).isInstanceOf(ClaimResult.Missing.class);
    }

    @Test
    void reject_storesTheReasonAndCompletion() {
        ParticipationRequest claimed = claimedAt(inserted("alice"), T0.plusSeconds(1));

        assertThat(store.reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(2))).isTrue();

        ParticipationRequest stored = store.find(claimed.requestId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(stored.reason()).isEqualTo("SOLD_OUT");
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(stored.latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stored.leaseExpiresAt()).isNull();
    }

    @Test
    void finalTransitions_happenOnce() {
        ParticipationRequest claimed = claimedAt(inserted("alice"), T0);

        assertThat(store.succeed(claimed, T0.plusSeconds(1))).isTrue();
        assertThat(store.succeed(claimed, T0.plusSeconds(2))).isFalse();
        assertThat(store.reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(2))).isFalse();
        assertThat(store.fail(claimed, FailureReason.UNKNOWN_EVENT, T0.plusSeconds(2))).isFalse();
        assertThat(store.find(claimed.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void release_letsTheNextDeliveryClaimAtOnce() {
        ParticipationRequest request = inserted("alice");
        ParticipationRequest claimed = claimedAt(request, T0);

        assertThat(store.release(claimed, T0.plusSeconds(1))).isTrue();

        assertThat(claimedAt(request, T0.plusSeconds(1).plusMillis(1)).attempts()).isEqualTo(2);
    }

    @Test
    void giveUp_failsQueuedRequestsButLeavesLiveLeasesAlone() {
        ParticipationRequest queued = inserted("alice");
        store.markQueued(queued.requestId(), T0);
        ParticipationRequest held = inserted("bob");
        claimedAt(held, T0);

        assertThat(store.giveUp(queued.requestId(), FailureReason.RETRIES_EXHAUSTED, T0.plusSeconds(1))).isTrue();
        assertThat(store.giveUp(held.requestId(), FailureReason.RETRIES_EXHAUSTED, T0.plusSeconds(1))).isFalse();

        ParticipationRequest failed = store.find(queued.requestId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(failed.reason()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(store.find(held.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void redrive_movesFailedFinalBackToQueuedOnceAndCountsIt() {
        ParticipationRequest request = inserted("alice");
        store.fail(claimedAt(request, T0), FailureReason.UNKNOWN_EVENT, T0.plusSeconds(1));

        assertThat(store.redrive(request.requestId(), "event restored", T0.plusSeconds(2))).isTrue();
        assertThat(store.redrive(request.requestId(), "again", T0.plusSeconds(3))).as("second redrive").isFalse();

        ParticipationRequest redriven = store.find(request.requestId()).orElseThrow();
        assertThat(redriven.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(redriven.redriveCount()).isEqualTo(1);
        assertThat(redriven.reason()).isNull();
        assertThat(redriven.completedAt()).isNull();
    }

    @Test
    void redrive_ofADecidedRequest_isRefused() {
        ParticipationRequest claimed = claimedAt(inserted("alice"), T0);
        store.succeed(claimed, T0.plusSeconds(1));

        assertThat(store.redrive(claimed.requestId(), null, T0.plusSeconds(2))).isFalse();
        assertThat(store.find(claimed.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void requeue_isGuardedOnTheVersionSeen() {
        ParticipationRequest request = inserted("alice");
        long version = store.find(request.requestId()).orElseThrow().version();
        RequestStore.InflightRequest seen = new RequestStore.InflightRequest(request.requestId(), request.eventId(),
                RequestStatus.RECEIVED, 0, T0, null, version, T0);
        store.markQueued(request.requestId(), T0.plusSeconds(1));

        assertThat(store.requeue(seen, T0.plusSeconds(2))).as("changed since it was seen").isFalse();

        long now = store.find(request.requestId()).orElseThrow().version();
        RequestStore.InflightRequest fresh = new RequestStore.InflightRequest(request.requestId(), request.eventId(),
                RequestStatus.QUEUED, 0, T0, null, now, T0);
        assertThat(store.requeue(fresh, T0.plusSeconds(3))).isTrue();
        assertThat(store.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void requeue_ofProcessing_needsAnExpiredLease() {
        ParticipationRequest request = inserted("alice");
        ParticipationRequest claimed = claimedAt(request, T0);
        RequestStore.InflightRequest seen = new RequestStore.InflightRequest(request.requestId(), request.eventId(),
                RequestStatus.PROCESSING, 1, T0, claimed.leaseExpiresAt(), claimed.version(), T0);

        assertThat(store.requeue(seen, T0.plusSeconds(5))).isFalse();
        assertThat(store.requeue(seen, T0.plus(LEASE).plusSeconds(1))).isTrue();
        assertThat(store.find(request.requestId()).orElseThrow().leaseExpiresAt()).isNull();
    }

    @Test
    void everyWrite_bumpsTheVersion() {
        ParticipationRequest request = inserted("alice");
        long v1 = store.find(request.requestId()).orElseThrow().version();
        store.markQueued(request.requestId(), T0.plus(1, ChronoUnit.MILLIS));

        assertThat(store.find(request.requestId()).orElseThrow().version()).isEqualTo(v1 + 1);
    }
}
