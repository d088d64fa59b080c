package com.rushgate.core.testing;

import static com.rushgate.core.domain.TransitionInputs.at;

import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestField;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.StoredRequest;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory {@link RequestStore} for fast tests. It keeps each request as a {@link StoredRequest}
 * and changes it only by applying a {@link Transition}'s guard and effect, exactly as the DynamoDB
 * store's conditional writes do; {@code RequestStoreContract} and {@code TransitionEffectContract}
 * run against both. The in-flight and arrival indexes are the stored entries themselves, with no
 * propagation delay.
 */
public final class InMemoryRequestStore implements RequestStore, InflightIndex, ArrivalIndex {

    private final Map<RequestId, StoredRequest> requests = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<ParticipationRequest> insertIfAbsent(ParticipationRequest request) {
        StoredRequest existing = requests.putIfAbsent(request.requestId(), StoredRequest.inserted(request));
        return existing == null ? Optional.empty() : Optional.of(existing.request());
    }

    @Override
    public Optional<ParticipationRequest> find(RequestId requestId) {
        // Not through stored(): tests spy on this store and count its port calls.
        return Optional.ofNullable(requests.get(requestId)).map(StoredRequest::request);
    }

    /** Everything the store keeps about {@code requestId}, index entries included. */
    public Optional<StoredRequest> stored(RequestId requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public Optional<ParticipationRequest> hold(RequestId requestId, Instant now, Instant until) {
        return apply(requestId, Transition.HOLD, at(now).withLeaseUntil(until)).map(StoredRequest::request);
    }

    @Override
    public boolean unhold(ParticipationRequest held, Instant now) {
        return apply(held.requestId(), Transition.UNHOLD, at(now).seenAt(held.version())).isPresent();
    }

    @Override
    public boolean markQueued(RequestId requestId, Instant now) {
        return apply(requestId, Transition.ENQUEUE, at(now)).isPresent();
    }

    @Override
    public synchronized ClaimResult claim(RequestId requestId, Instant now, Instant leaseUntil) {
        StoredRequest current = requests.get(requestId);
        if (current == null) {
            return new ClaimResult.Missing();
        }
        TransitionInputs inputs = at(now).withLeaseUntil(leaseUntil).withClaimToken(UUID.randomUUID().toString());
        return apply(requestId, Transition.CLAIM, inputs)
                .<ClaimResult>map(claimed -> new ClaimResult.Claimed(claimed.request()))
                .orElseGet(() -> new ClaimResult.NotClaimable(current.request()));
    }

    @Override
    public boolean release(ParticipationRequest claimed, Instant now) {
        return apply(claimed.requestId(), Transition.RELEASE, at(now).heldAs(claimed)).isPresent();
    }

    @Override
    public boolean succeed(ParticipationRequest claimed, Instant now) {
        return apply(claimed.requestId(), Transition.SUCCEED, at(now).heldAs(claimed)).isPresent();
    }

    @Override
    public boolean enter(ParticipationRequest claimed, Instant drawAt, Instant now) {
        return apply(claimed.requestId(), Transition.ENTER, at(now).heldAs(claimed).withDrawTime(drawAt)).isPresent();
    }

    @Override
    public boolean decideEntry(EntryDecision decision, Instant drawnAt, Instant now) {
        TransitionInputs inputs = at(now).withAcceptedAt(decision.acceptedAt()).withDrawTime(drawnAt);
        if (decision.verdict().reason() != null) {
            inputs = inputs.withReason(decision.verdict().reason().name());
        }
        return apply(decision.requestId(), decision.verdict().transition(), inputs).isPresent();
    }

    @Override
    public boolean reject(ParticipationRequest claimed, RejectReason reason, Instant now) {
        return apply(claimed.requestId(), Transition.REJECT, at(now).heldAs(claimed).withReason(reason.name())).isPresent();
    }

    @Override
    public boolean fail(ParticipationRequest claimed, FailureReason reason, Instant now) {
        return apply(claimed.requestId(), Transition.FAIL, at(now).heldAs(claimed).withReason(reason.name())).isPresent();
    }

    @Override
    public boolean giveUp(RequestId requestId, FailureReason reason, Instant now) {
        return apply(requestId, Transition.GIVE_UP, at(now).withReason(reason.name())).isPresent();
    }

    @Override
    public boolean redrive(RequestId requestId, String reason, Instant now) {
        return apply(requestId, Transition.REDRIVE, at(now).withRedriveReason(reason)).isPresent();
    }

    @Override
    public boolean requeue(InflightRequest seen, Instant now) {
        return apply(seen.requestId(), Transition.REQUEUE, at(now).seenAt(seen.version())).isPresent();
    }

    /** The in-flight index: the requests with an entry under {@code status} that changed before the cutoff. */
    @Override
    public synchronized List<InflightRequest> changedBefore(RequestStatus status, Instant changedBefore, int limit) {
        return requests.values().stream()
                .filter(r -> r.status() == status && r.get(RequestField.INFLIGHT, Instant.class) != null)
                .filter(r -> r.get(RequestField.INFLIGHT, Instant.class).isBefore(changedBefore))
                .sorted(Comparator.comparing(r -> r.get(RequestField.INFLIGHT, Instant.class)))
                .limit(limit)
                .map(InMemoryRequestStore::inflight)
                .toList();
    }

    @Override
    public synchronized Optional<Instant> oldest(RequestStatus status) {
        return requests.values().stream()
                .filter(r -> r.status() == status)
                .map(r -> r.get(RequestField.INFLIGHT, Instant.class))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    /** The arrival index: every request of the event that still has its place in line. */
    @Override
    public synchronized List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit) {
        return requests.values().stream()
                .filter(r -> eventId.equals(r.get(RequestField.EVENT_ID, String.class)))
                .map(r -> r.get(RequestField.ARRIVAL, ArrivalKey.class))
                .filter(Objects::nonNull)
                .filter(key -> !key.acceptedAt().isAfter(upTo))
                .filter(key -> cursor.isEmpty() || key.compareTo(cursor.get()) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    /** The arrival index, whole: an entry is marked by its draw time, as the index projects it. */
    @Override
    public void forEach(String eventId, Consumer<Arrival> action) {
        List<Arrival> arrivals;
        synchronized (this) {
            arrivals = requests.values().stream()
                    .filter(r -> eventId.equals(r.get(RequestField.EVENT_ID, String.class)))
                    .filter(r -> r.get(RequestField.ARRIVAL, ArrivalKey.class) != null)
                    .map(r -> new Arrival(r.get(RequestField.ARRIVAL, ArrivalKey.class),
                            r.get(RequestField.DRAW_AT, Instant.class) != null))
                    .toList();
        }
        arrivals.forEach(action);
    }

    /** GRANT for the allocator's atomic step; the caller holds this store's lock. */
    synchronized boolean grantLocked(ArrivalKey winner, Instant now) {
        return apply(winner.requestId(), Transition.GRANT, at(now).withAcceptedAt(winner.acceptedAt())).isPresent();
    }

    /** Whether the allocator's GRANT may apply now. */
    synchronized boolean grantable(RequestId requestId, Instant now) {
        StoredRequest current = requests.get(requestId);
        return current != null && Transition.GRANT.allows(current.request(), at(now));
    }

    public String redriveReason(RequestId requestId) {
        StoredRequest stored = requests.get(requestId);
        return stored == null ? null : stored.get(RequestField.REDRIVE_REASON, String.class);
    }

    /** Succeeds the request in a stock allocation; the caller holds the store's lock. */
    synchronized boolean succeedLocked(ParticipationRequest claimed, Instant now) {
        return succeed(claimed, now);
    }

    public List<ParticipationRequest> all() {
        return requests.values().stream().map(StoredRequest::request).toList();
    }

    /** The transition's guard, then its effect, atomically; empty when the guard does not hold. */
    private synchronized Optional<StoredRequest> apply(RequestId requestId, Transition transition,
                                                       TransitionInputs inputs) {
        StoredRequest current = requests.get(requestId);
        if (current == null || !transition.allows(current.request(), inputs)) {
            return Optional.empty();
        }
        StoredRequest next = current.after(transition, inputs);
        requests.put(requestId, next);
        return Optional.of(next);
    }

    private static InflightRequest inflight(StoredRequest stored) {
        ParticipationRequest r = stored.request();
        return new InflightRequest(r.requestId(), r.eventId(), r.status(), r.attempts(), r.acceptedAt(),
                r.leaseExpiresAt(), r.version(), stored.get(RequestField.INFLIGHT, Instant.class));
    }
}
