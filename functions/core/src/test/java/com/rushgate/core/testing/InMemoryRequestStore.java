package com.rushgate.core.testing;

import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The in-memory {@link RequestStore} for fast tests. It applies the same {@link Transition}
 * rules as the DynamoDB store; {@code RequestStoreContract} runs against both.
 */
public final class InMemoryRequestStore implements RequestStore, InflightIndex, ArrivalIndex {

    private final Map<RequestId, ParticipationRequest> requests = new ConcurrentHashMap<>();
    private final Map<RequestId, Instant> changedAt = new ConcurrentHashMap<>();
    private final Map<RequestId, String> redriveReasons = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<ParticipationRequest> insertIfAbsent(ParticipationRequest request) {
        ParticipationRequest existing = requests.putIfAbsent(request.requestId(), request);
        if (existing == null) {
            changedAt.put(request.requestId(), request.acceptedAt());
        }
        return Optional.ofNullable(existing);
    }

    @Override
    public Optional<ParticipationRequest> find(RequestId requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public Optional<ParticipationRequest> hold(RequestId requestId, Instant now, Instant until) {
        return Optional.ofNullable(apply(requestId, Transition.HOLD, now, -1, r -> change(r, RequestStatus.RECEIVED,
                r.reason(), r.attempts(), r.startedAt(), null, until)));
    }

    @Override
    public synchronized boolean unhold(ParticipationRequest held, Instant now) {
        ParticipationRequest current = requests.get(held.requestId());
        if (current == null || !Transition.UNHOLD.allows(current, now, -1, held.version())) {
            return false;
        }
        requests.put(held.requestId(), change(current, RequestStatus.RECEIVED, current.reason(), current.attempts(),
                current.startedAt(), null, null));
        changedAt.put(held.requestId(), now);
        return true;
    }

    @Override
    public boolean markQueued(RequestId requestId, Instant now) {
        return apply(requestId, Transition.ENQUEUE, now, -1, r -> change(r, RequestStatus.QUEUED, r.reason(),
                r.attempts(), r.startedAt(), null, null)) != null;
    }

    @Override
    public synchronized ClaimResult claim(RequestId requestId, Instant now, Instant leaseUntil) {
        ParticipationRequest current = requests.get(requestId);
        if (current == null) {
            return new ClaimResult.Missing();
        }
        if (!Transition.CLAIM.allows(current, now, -1, -1)) {
            return new ClaimResult.NotClaimable(current);
        }
        ParticipationRequest claimed = change(current, RequestStatus.PROCESSING, current.reason(),
                current.attempts() + 1, now, current.completedAt(), leaseUntil);
        requests.put(requestId, claimed);
        changedAt.put(requestId, now);
        return new ClaimResult.Claimed(claimed);
    }

    @Override
    public boolean release(ParticipationRequest claimed, Instant now) {
        return apply(claimed.requestId(), Transition.RELEASE, now, claimed.attempts(), r -> change(r, r.status(),
                r.reason(), r.attempts(), r.startedAt(), r.completedAt(), now)) != null;
    }

    @Override
    public boolean succeed(ParticipationRequest claimed, Instant now) {
        return finish(claimed, Transition.SUCCEED, null, now);
    }

    @Override
    public boolean reject(ParticipationRequest claimed, RejectReason reason, Instant now) {
        return finish(claimed, Transition.REJECT, reason.name(), now);
    }

    @Override
    public boolean fail(ParticipationRequest claimed, FailureReason reason, Instant now) {
        return finish(claimed, Transition.FAIL, reason.name(), now);
    }

    @Override
    public boolean giveUp(RequestId requestId, FailureReason reason, Instant now) {
        return apply(requestId, Transition.GIVE_UP, now, -1, r -> change(r, RequestStatus.FAILED_FINAL,
                reason.name(), r.attempts(), r.startedAt(), now, null)) != null;
    }

    @Override
    public boolean redrive(RequestId requestId, String reason, Instant now) {
        ParticipationRequest done = apply(requestId, Transition.REDRIVE, now, -1, r -> withRedrive(change(r,
                RequestStatus.QUEUED, null, r.attempts(), r.startedAt(), null, r.leaseExpiresAt())));
        if (done != null && reason != null) {
            redriveReasons.put(requestId, reason);
        }
        return done != null;
    }

    @Override
    public synchronized boolean requeue(InflightRequest seen, Instant now) {
        ParticipationRequest current = requests.get(seen.requestId());
        if (current == null || !Transition.REQUEUE.allows(current, now, -1, seen.version())) {
            return false;
        }
        requests.put(seen.requestId(), change(current, RequestStatus.QUEUED, null, current.attempts(),
                current.startedAt(), null, null));
        changedAt.put(seen.requestId(), now);
        return true;
    }

    @Override
    public synchronized List<InflightRequest> changedBefore(RequestStatus status, Instant changedBefore, int limit) {
        return requests.values().stream()
                .filter(r -> r.status() == status && !status.isFinal() && changedAt.get(r.requestId()).isBefore(changedBefore))
                .sorted(java.util.Comparator.comparing(r -> changedAt.get(r.requestId())))
                .limit(limit)
                .map(r -> new InflightRequest(r.requestId(), r.eventId(), r.status(), r.attempts(), r.acceptedAt(),
                        r.leaseExpiresAt(), r.version(), changedAt.get(r.requestId())))
                .toList();
    }

    /** The arrival index: every request of the event not SUCCEEDED or REJECTED (no propagation delay). */
    @Override
    public synchronized List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit) {
        return requests.values().stream()
                .filter(r -> r.eventId().equals(eventId) && !r.status().isDecided() && !r.acceptedAt().isAfter(upTo))
                .map(ArrivalKey::of)
                .filter(key -> cursor.isEmpty() || key.compareTo(cursor.get()) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    /** GRANT for the allocator's atomic step; the caller holds this store's lock. */
    synchronized boolean grantLocked(RequestId requestId, Instant now) {
        return apply(requestId, Transition.GRANT, now, -1, r -> change(r, RequestStatus.SUCCEEDED, null, r.attempts(),
                r.startedAt(), now, null)) != null;
    }

    /** Whether the allocator's GRANT may apply now. */
    synchronized boolean grantable(RequestId requestId, Instant now) {
        ParticipationRequest current = requests.get(requestId);
        return current != null && Transition.GRANT.allows(current, now, -1, -1);
    }

    public String redriveReason(RequestId requestId) {
        return redriveReasons.get(requestId);
    }

    /** Succeeds the request in a stock allocation; the caller holds the store's lock. */
    synchronized boolean succeedLocked(ParticipationRequest claimed, Instant now) {
        return succeed(claimed, now);
    }

    public List<ParticipationRequest> all() {
        return new ArrayList<>(requests.values());
    }

    private boolean finish(ParticipationRequest claimed, Transition transition, String reason, Instant now) {
        return apply(claimed.requestId(), transition, now, claimed.attempts(), r -> change(r, transition.target(),
                reason, r.attempts(), r.startedAt(), now, null)) != null;
    }

    private synchronized ParticipationRequest apply(RequestId requestId, Transition transition, Instant now,
                                                    int expectedAttempt, UnaryOperator<ParticipationRequest> change) {
        ParticipationRequest current = requests.get(requestId);
        if (current == null || !transition.allows(current, now, expectedAttempt, -1)) {
            return null;
        }
        ParticipationRequest next = change.apply(current);
        requests.put(requestId, next);
        changedAt.put(requestId, now);
        return next;
    }

    private static ParticipationRequest withRedrive(ParticipationRequest r) {
        return new ParticipationRequest(r.requestId(), r.eventId(), r.userId(), r.userKey(), r.eventType(), r.status(),
                r.reason(), r.attempts(), r.redriveCount() + 1, r.acceptedAt(), r.startedAt(), r.completedAt(),
                r.leaseExpiresAt(), r.clientRef(), r.version());
    }

    private static ParticipationRequest change(ParticipationRequest r, RequestStatus status, String reason, int attempts,
                                               Instant startedAt, Instant completedAt, Instant leaseExpiresAt) {
        return new ParticipationRequest(r.requestId(), r.eventId(), r.userId(), r.userKey(), r.eventType(), status,
                reason, attempts, r.redriveCount(), r.acceptedAt(), startedAt, completedAt,
                status.isFinal() ? null : leaseExpiresAt, r.clientRef(), r.version() + 1);
    }
}
