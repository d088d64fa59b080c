package com.rushgate.core.domain;

import static com.rushgate.core.domain.RequestStatus.FAILED_FINAL;
import static com.rushgate.core.domain.RequestStatus.PROCESSING;
import static com.rushgate.core.domain.RequestStatus.QUEUED;
import static com.rushgate.core.domain.RequestStatus.RECEIVED;
import static com.rushgate.core.domain.RequestStatus.REJECTED;
import static com.rushgate.core.domain.RequestStatus.SUCCEEDED;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every allowed change of a request's state, in one place. Stores turn {@link #sources()} into the
 * condition of a single conditional write, so a transition that loses a race fails as a whole and
 * tells the caller what the request looked like instead.
 */
public enum Transition {
    /** Ingest sent the message. Never moves a request back if a worker was faster. Ends Ingest's hold. */
    ENQUEUE(QUEUED, Source.of(RECEIVED)),
    /**
     * Ingest holds a RECEIVED request while it sends the message (leaseExpiresAt is the hold's end):
     * the first call writes the hold with the request itself; a later call takes it over only once
     * it has run out, so a duplicate that arrives while the first call sends is told "in progress".
     */
    HOLD(RECEIVED, Source.when(RECEIVED, Guard.LEASE_EXPIRED)),
    /**
     * Ingest gives its hold back when the send failed, so that the client's retry sends at once.
     * Guarded on the version its own write left: a hold taken over since is not touched.
     */
    UNHOLD(RECEIVED, Source.when(RECEIVED, Guard.UNCHANGED)),
    /**
     * A worker takes the request. RECEIVED: the message overtook Ingest's QUEUED write.
     * FAILED_FINAL: an operator moved the message back from the DLQ (console redrive).
     * PROCESSING: the previous holder's lease ran out (it crashed or timed out).
     */
    CLAIM(PROCESSING, Source.of(RECEIVED), Source.of(QUEUED), Source.of(FAILED_FINAL),
            Source.when(PROCESSING, Guard.LEASE_EXPIRED)),
    /** The holder gives its lease back after a retryable failure so the next delivery can go on. */
    RELEASE(PROCESSING, Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
    /** Raffle: the entry is recorded. */
    SUCCEED(SUCCEEDED, Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
    /**
     * FCFS: the event's allocator granted a unit, in the same atomic step as the stock. From any
     * undecided state: a request keeps its place in the line whatever became of its message (never
     * sent, claimed by a worker that is waiting, or in the DLQ).
     */
    GRANT(SUCCEEDED, Source.of(RECEIVED), Source.of(QUEUED), Source.of(PROCESSING), Source.of(FAILED_FINAL)),
    /** Sold out, not open or closed at acceptance. */
    REJECT(REJECTED, Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
    /** The holder found the request can never be processed (unknown event, invalid message). */
    FAIL(FAILED_FINAL, Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
    /**
     * Retries are used up (the last receive of the message, or the reconciler): the request joins
     * its message in the DLQ. A live lease is left alone; its holder will decide.
     */
    GIVE_UP(FAILED_FINAL, Source.of(RECEIVED), Source.of(QUEUED),
            Source.when(PROCESSING, Guard.LEASE_EXPIRED)),
    /** An operator redrives the request from the DLQ with the Redrive function. */
    REDRIVE(QUEUED, Source.of(FAILED_FINAL)),
    /**
     * The reconciler sends a new message for a request whose message can no longer come back.
     * Guarded on the last change it saw, so it never races a worker that just moved it.
     */
    REQUEUE(QUEUED, Source.when(RECEIVED, Guard.UNCHANGED), Source.when(QUEUED, Guard.UNCHANGED),
            Source.when(PROCESSING, Guard.LEASE_EXPIRED));

    /** Extra condition on a source state, beyond the status itself. */
    public enum Guard {
        /** No condition beyond the status. */
        NONE,
        /** The lease (leaseExpiresAt) is in the past. */
        LEASE_EXPIRED,
        /** The attempt number is the one the caller claimed: it still holds the request. */
        SAME_ATTEMPT,
        /** The request was not changed since the caller read it (same version). */
        UNCHANGED
    }

    /** A state the transition may start from, and the guard that must hold in it. */
    public record Source(RequestStatus status, Guard guard) {
        static Source of(RequestStatus status) {
            return new Source(status, Guard.NONE);
        }

        static Source when(RequestStatus status, Guard guard) {
            return new Source(status, guard);
        }
    }

    private final RequestStatus target;
    private final List<Source> sources;

    Transition(RequestStatus target, Source... sources) {
        this.target = target;
        this.sources = List.of(sources);
    }

    public RequestStatus target() {
        return target;
    }

    public List<Source> sources() {
        return sources;
    }

    /** The states this transition may start from, whatever the guard. */
    public Set<RequestStatus> sourceStates() {
        return sources.stream().map(Source::status).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether {@code request} may take this transition now. Stores check the same rule atomically;
     * this is the in-memory statement of it (fakes and tests use it).
     */
    public boolean allows(ParticipationRequest request, Instant now, int expectedAttempt,
                          long expectedVersion) {
        for (Source source : sources) {
            if (source.status() != request.status()) {
                continue;
            }
            boolean guardHolds = switch (source.guard()) {
                case NONE -> true;
                case LEASE_EXPIRED -> request.leaseExpiresAt() == null || request.leaseExpiresAt().isBefore(now);
                case SAME_ATTEMPT -> request.attempts() == expectedAttempt;
                case UNCHANGED -> request.version() == expectedVersion;
            };
            if (guardHolds) {
                return true;
            }
        }
        return false;
    }
}
