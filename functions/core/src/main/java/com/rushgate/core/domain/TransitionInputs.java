package com.rushgate.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the caller of a {@link Transition} supplies: the time, the values its {@link Effect} writes,
 * and what its guards compare with. A transition takes only the inputs its effect and guards name;
 * the others stay null (or -1).
 *
 * @param now             when the transition happens
 * @param leaseUntil      the end of the lease or hold it takes
 * @param reason          why the request is rejected or failed
 * @param claimToken      the token of this claim call
 * @param redriveReason   why an operator redrives it; may stay null
 * @param acceptedAt      when the request was accepted, for its latency
 * @param startedAt       when the caller's claim started, for the processing time; null if never claimed
 * @param expectedAttempt the attempt the caller holds (SAME_ATTEMPT guards), or -1
 * @param expectedVersion the version the caller read (UNCHANGED guards), or -1
 * @param drawTime        a raffle's draw: when it is due (entering it) or when it happened (deciding it)
 */
public record TransitionInputs(Instant now, Instant leaseUntil, String reason, String claimToken,
                               String redriveReason, Instant acceptedAt, Instant startedAt,
                               int expectedAttempt, long expectedVersion, Instant drawTime) {

    public TransitionInputs {
        Objects.requireNonNull(now, "now");
    }

    /** No inputs but the time. */
    public static TransitionInputs at(Instant now) {
        return new TransitionInputs(now, null, null, null, null, null, null, -1, -1, null);
    }

    public TransitionInputs withLeaseUntil(Instant until) {
        return new TransitionInputs(now, until, reason, claimToken, redriveReason, acceptedAt, startedAt,
                expectedAttempt, expectedVersion, drawTime);
    }

    public TransitionInputs withReason(String why) {
        return new TransitionInputs(now, leaseUntil, why, claimToken, redriveReason, acceptedAt, startedAt,
                expectedAttempt, expectedVersion, drawTime);
    }

    public TransitionInputs withClaimToken(String token) {
        return new TransitionInputs(now, leaseUntil, reason, token, redriveReason, acceptedAt, startedAt,
                expectedAttempt, expectedVersion, drawTime);
    }

    public TransitionInputs withRedriveReason(String why) {
        return new TransitionInputs(now, leaseUntil, reason, claimToken, why, acceptedAt, startedAt,
                expectedAttempt, expectedVersion, drawTime);
    }

    /** For an arrival decided without a claim (GRANT): latency from {@code accepted}. */
    public TransitionInputs withAcceptedAt(Instant accepted) {
        return new TransitionInputs(now, leaseUntil, reason, claimToken, redriveReason, accepted, startedAt,
                expectedAttempt, expectedVersion, drawTime);
    }

    /** By the holder of {@code claimed}: guarded on its attempt, figures measured from its times. */
    public TransitionInputs heldAs(ParticipationRequest claimed) {
        return new TransitionInputs(now, leaseUntil, reason, claimToken, redriveReason, claimed.acceptedAt(),
                claimed.startedAt(), claimed.attempts(), expectedVersion, drawTime);
    }

    /** Guarded on the version the caller read. */
    public TransitionInputs seenAt(long version) {
        return new TransitionInputs(now, leaseUntil, reason, claimToken, redriveReason, acceptedAt, startedAt,
                expectedAttempt, version, drawTime);
    }

    /** A raffle's draw time: when the entry will be drawn (ENTER) or when it was (WIN, LOSE). */
    public TransitionInputs withDrawTime(Instant time) {
        return new TransitionInputs(now, leaseUntil, reason, claimToken, redriveReason, acceptedAt, startedAt,
                expectedAttempt, expectedVersion, time);
    }
}
