package com.rushgate.core.domain;

import static com.rushgate.core.domain.Effect.Change.increment;
import static com.rushgate.core.domain.Effect.Change.remove;
import static com.rushgate.core.domain.Effect.Change.set;
import static com.rushgate.core.domain.Effect.Change.setIfGiven;
import static com.rushgate.core.domain.Effect.Input.CLAIM_TOKEN;
import static com.rushgate.core.domain.Effect.Input.DRAW_TIME;
import static com.rushgate.core.domain.Effect.Input.GIVEN_REASON;
import static com.rushgate.core.domain.Effect.Input.GIVEN_REDRIVE_REASON;
import static com.rushgate.core.domain.Effect.Input.LEASE_UNTIL;
import static com.rushgate.core.domain.Effect.Input.NOW;
import static com.rushgate.core.domain.Effect.Input.SINCE_ACCEPTED;
import static com.rushgate.core.domain.Effect.Input.SINCE_STARTED;
import static com.rushgate.core.domain.RequestField.ATTEMPTS;
import static com.rushgate.core.domain.RequestField.DRAWN_AT;
import static com.rushgate.core.domain.RequestField.DRAW_AT;
import static com.rushgate.core.domain.RequestField.LATENCY;
import static com.rushgate.core.domain.RequestField.LEASE_EXPIRES_AT;
import static com.rushgate.core.domain.RequestField.LEASE_HOLDER;
import static com.rushgate.core.domain.RequestField.PROCESSING_TIME;
import static com.rushgate.core.domain.RequestField.REASON;
import static com.rushgate.core.domain.RequestField.REDRIVE_COUNT;
import static com.rushgate.core.domain.RequestField.REDRIVE_REASON;
import static com.rushgate.core.domain.RequestField.STARTED_AT;
import static com.rushgate.core.domain.RequestStatus.ENTERED;
import static com.rushgate.core.domain.RequestStatus.FAILED_FINAL;
import static com.rushgate.core.domain.RequestStatus.PROCESSING;
import static com.rushgate.core.domain.RequestStatus.QUEUED;
import static com.rushgate.core.domain.RequestStatus.RECEIVED;
import static com.rushgate.core.domain.RequestStatus.REJECTED;
import static com.rushgate.core.domain.RequestStatus.SUCCEEDED;

import com.rushgate.core.domain.Effect.Change;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every allowed change of a request's state, in one place: where it may start ({@link #sources()},
 * each with its guard) and what it writes ({@link #effect()}). Stores turn both into a single
 * conditional write, so a transition that loses a race fails as a whole and tells the caller what
 * the request looked like instead.
 */
public enum Transition {
    /** Ingest sent the message. Never moves a request back if a worker was faster. Ends Ingest's hold. */
    ENQUEUE(QUEUED, sources(Source.of(RECEIVED)), remove(LEASE_EXPIRES_AT)),
    /**
     * Ingest holds a RECEIVED request while it sends the message (leaseExpiresAt is the hold's end):
     * the first call writes the hold with the request itself; a later call takes it over only once
     * it has run out, so a duplicate that arrives while the first call sends is told "in progress".
     */
    HOLD(RECEIVED, sources(Source.when(RECEIVED, Guard.LEASE_EXPIRED)), set(LEASE_EXPIRES_AT, LEASE_UNTIL)),
    /**
     * Ingest gives its hold back when the send failed, so that the client's retry sends at once.
     * Guarded on the version its own write left: a hold taken over since is not touched.
     */
    UNHOLD(RECEIVED, sources(Source.when(RECEIVED, Guard.UNCHANGED)), remove(LEASE_EXPIRES_AT)),
    /**
     * A worker takes the request. RECEIVED: the message overtook Ingest's QUEUED write.
     * FAILED_FINAL: an operator moved the message back from the DLQ (console redrive).
     * PROCESSING: the previous holder's lease ran out (it crashed or timed out).
     * Counts the attempt and records the claim's token as the lease holder.
     */
    CLAIM(PROCESSING, sources(Source.of(RECEIVED), Source.of(QUEUED), Source.of(FAILED_FINAL),
            Source.when(PROCESSING, Guard.LEASE_EXPIRED)),
            increment(ATTEMPTS), set(STARTED_AT, NOW), set(LEASE_EXPIRES_AT, LEASE_UNTIL),
            set(LEASE_HOLDER, CLAIM_TOKEN)),
    /** The holder gives its lease back after a retryable failure so the next delivery can go on. */
    RELEASE(PROCESSING, sources(Source.when(PROCESSING, Guard.SAME_ATTEMPT)), set(LEASE_EXPIRES_AT, NOW)),
    /**
     * FCFS by a claim: the holder took a unit in the same transaction (the bench's synchronous
     * baseline; the functions grant in arrival order with GRANT).
     */
    SUCCEED(SUCCEEDED, sources(Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
            set(LATENCY, SINCE_ACCEPTED), setIfGiven(PROCESSING_TIME, SINCE_STARTED), remove(REASON)),
    /**
     * Raffle: the entry is recorded and waits for the draw, due at the given draw time. It keeps its
     * place in the event's line, where the draw finds it.
     */
    ENTER(ENTERED, sources(Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
            set(DRAW_AT, DRAW_TIME), setIfGiven(PROCESSING_TIME, SINCE_STARTED)),
    /** Raffle: the draw gave the entry a win. Only from ENTERED, so nothing is decided twice. */
    WIN(SUCCEEDED, sources(Source.of(ENTERED)), set(LATENCY, SINCE_ACCEPTED), set(DRAWN_AT, DRAW_TIME), remove(REASON)),
    /**
     * Raffle: the draw did not give the entry a win (NOT_DRAWN), or left it out (EXCLUDED_FROM_DRAW).
     * Only from ENTERED, so nothing is decided twice.
     */
    LOSE(REJECTED, sources(Source.of(ENTERED)), set(LATENCY, SINCE_ACCEPTED), set(DRAWN_AT, DRAW_TIME),
            set(REASON, GIVEN_REASON)),
    /**
     * FCFS: the event's allocator granted a unit, in the same atomic step as the stock. From any
     * undecided state: a request keeps its place in the line whatever became of its message (never
     * sent, claimed by a worker that is waiting, or in the DLQ).
     */
    GRANT(SUCCEEDED, sources(Source.of(RECEIVED), Source.of(QUEUED), Source.of(PROCESSING), Source.of(FAILED_FINAL)),
            set(LATENCY, SINCE_ACCEPTED), remove(REASON)),
    /** Sold out, not open or closed at acceptance. */
    REJECT(REJECTED, sources(Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
            set(LATENCY, SINCE_ACCEPTED), setIfGiven(PROCESSING_TIME, SINCE_STARTED), set(REASON, GIVEN_REASON)),
    /** The holder found the request can never be processed (unknown event, invalid message). */
    FAIL(FAILED_FINAL, sources(Source.when(PROCESSING, Guard.SAME_ATTEMPT)),
            set(LATENCY, SINCE_ACCEPTED), setIfGiven(PROCESSING_TIME, SINCE_STARTED), set(REASON, GIVEN_REASON)),
    /**
     * Retries are used up (the last receive of the message, or the reconciler): the request joins
     * its message in the DLQ. A live lease is left alone; its holder will decide.
     */
    GIVE_UP(FAILED_FINAL, sources(Source.of(RECEIVED), Source.of(QUEUED), Source.when(PROCESSING, Guard.LEASE_EXPIRED)),
            set(REASON, GIVEN_REASON)),
    /** An operator redrives the request from the DLQ with the Redrive function; the redrive is counted. */
    REDRIVE(QUEUED, sources(Source.of(FAILED_FINAL)),
            increment(REDRIVE_COUNT), setIfGiven(REDRIVE_REASON, GIVEN_REDRIVE_REASON)),
    /**
     * The reconciler sends a new message for a request whose message can no longer come back.
     * Guarded on the last change it saw, so it never races a worker that just moved it.
     */
    REQUEUE(QUEUED, sources(Source.when(RECEIVED, Guard.UNCHANGED), Source.when(QUEUED, Guard.UNCHANGED),
            Source.when(PROCESSING, Guard.LEASE_EXPIRED)), remove(LEASE_EXPIRES_AT));

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
    private final Effect effect;

    Transition(RequestStatus target, List<Source> sources, Change... changes) {
        this.target = target;
        this.sources = sources;
        this.effect = Effect.of(name(), target, changes);
    }

    private static List<Source> sources(Source... sources) {
        return List.of(sources);
    }

    public RequestStatus target() {
        return target;
    }

    public List<Source> sources() {
        return sources;
    }

    /** What this transition writes on the request; every store applies it. */
    public Effect effect() {
        return effect;
    }

    /** The states this transition may start from, whatever the guard. */
    public Set<RequestStatus> sourceStates() {
        return sources.stream().map(Source::status).collect(Collectors.toUnmodifiableSet());
    }

    /** {@link #allows(ParticipationRequest, Instant, int, long)} with the guards' inputs. */
    public boolean allows(ParticipationRequest request, TransitionInputs inputs) {
        return allows(request, inputs.now(), inputs.expectedAttempt(), inputs.expectedVersion());
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
