package com.rushgate.core.app.port;

import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.Optional;

/**
 * The RequestTable: the single source of truth for participation requests.
 *
 * <p>Every state change is one conditional write built from a {@link Transition}. A change whose
 * condition does not hold is not an error: the method says so in its result and changes nothing.
 * Every method throws {@link RetryableException} when the store throttles, conflicts or times out;
 * in that case the write may or may not have happened, and repeating it is safe.
 */
public interface RequestStore {

    /**
     * Records {@code request} (status RECEIVED) unless a request with its id exists.
     *
     * @return empty when this call created it; otherwise the request that was already there, as
     *         it is now (one round trip: the existing item comes back with the refusal)
     */
    Optional<ParticipationRequest> insertIfAbsent(ParticipationRequest request);

    /** Strongly consistent read. */
    Optional<ParticipationRequest> find(RequestId requestId);

    /**
     * {@link Transition#HOLD}: Ingest takes over a RECEIVED request whose earlier hold ran out (or
     * that never had one), to send its message, until {@code until}.
     *
     * @return the request as held (its new version), or empty when it is no longer RECEIVED or
     *         another call holds it
     */
    Optional<ParticipationRequest> hold(RequestId requestId, Instant now, Instant until);

    /**
     * {@link Transition#UNHOLD}: gives back the hold of {@code held}, as this caller wrote it. False
     * when the request changed since (a worker took it, another call took the hold over).
     */
    boolean unhold(ParticipationRequest held, Instant now);

    /** {@link Transition#ENQUEUE}: RECEIVED to QUEUED. False when it was no longer RECEIVED. */
    boolean markQueued(RequestId requestId, Instant now);

    /**
     * {@link Transition#CLAIM}: takes the request for one attempt, until {@code leaseUntil}.
     * Increments attempts and sets startedAt.
     */
    ClaimResult claim(RequestId requestId, Instant now, Instant leaseUntil);

    /**
     * {@link Transition#RELEASE}: ends the lease of {@code claimed} now, so that the next delivery
     * does not wait for it. False when the caller no longer holds the request.
     */
    boolean release(ParticipationRequest claimed, Instant now);

    /** {@link Transition#SUCCEED}: FCFS won by a claim. False when the caller no longer holds it. */
    boolean succeed(ParticipationRequest claimed, Instant now);

    /**
     * {@link Transition#ENTER}: the raffle entry is recorded, to be drawn at {@code drawAt}. False
     * when the caller no longer holds it.
     */
    boolean enter(ParticipationRequest claimed, Instant drawAt, Instant now);

    /**
     * {@link Transition#WIN} or {@link Transition#LOSE} for an entry the draw at {@code drawnAt}
     * decided. False when it is not ENTERED (decided already: a repeated decision changes nothing).
     */
    boolean decideEntry(EntryDecision decision, Instant drawnAt, Instant now);

    /** {@link Transition#REJECT}. False when the caller no longer holds it. */
    boolean reject(ParticipationRequest claimed, RejectReason reason, Instant now);

    /** {@link Transition#FAIL}. False when the caller no longer holds it. */
    boolean fail(ParticipationRequest claimed, FailureReason reason, Instant now);

    /**
     * {@link Transition#GIVE_UP}: FAILED_FINAL for a request nobody holds under a live lease.
     * False when it is decided, already failed, or held by a live lease.
     */
    boolean giveUp(RequestId requestId, FailureReason reason, Instant now);

    /**
     * {@link Transition#REDRIVE}: FAILED_FINAL to QUEUED, counting the redrive. False when the
     * request is not FAILED_FINAL (another redrive, or a console redrive, got there first).
     *
     * @param reason why the operator redrove it, kept on the item; may be null
     */
    boolean redrive(RequestId requestId, String reason, Instant now);

    /**
     * {@link Transition#REQUEUE}: the reconciler's new message is on its way. Guarded on the
     * version it saw (RECEIVED, QUEUED) or an expired lease (PROCESSING).
     */
    boolean requeue(InflightRequest seen, Instant now);

    /** What the in-flight index says about a request that is not final. */
    record InflightRequest(RequestId requestId, String eventId, RequestStatus status, int attempts,
                           Instant acceptedAt, Instant leaseExpiresAt, long version, Instant changedAt) {

        public boolean leaseLiveAt(Instant now) {
            return status == RequestStatus.PROCESSING && leaseExpiresAt != null && !leaseExpiresAt.isBefore(now);
        }
    }

    /** The outcome of {@link #claim}. */
    sealed interface ClaimResult {

        /** The caller holds the request; {@code request} is its state after the claim. */
        record Claimed(ParticipationRequest request) implements ClaimResult {
        }

        /** Decided already, or held by someone else under a live lease. */
        record NotClaimable(ParticipationRequest current) implements ClaimResult {
        }

        /** No request with that id. */
        record Missing() implements ClaimResult {
        }
    }
}
