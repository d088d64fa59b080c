package com.rushgate.local.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * How a well-behaved client answers a 409 (IN_PROGRESS), 429 (throttled) or 503 (try again): it
 * waits what {@code Retry-After} says, plus a random part of it (so that a crowd told the same
 * number of seconds does not come back in the same millisecond), and tries again; never sooner
 * than told, at most {@code maxTries} times in all and never past {@code deadline} after its first try.
 * Without a usable {@code Retry-After} it backs off exponentially from {@code defaultWait}.
 *
 * @param maxTries    tries in all, the first included (1: never retry)
 * @param deadline    from the first try; no retry starts after it
 * @param defaultWait the first wait when the answer has no Retry-After (doubled on each retry)
 * @param maxWait     the longest single wait the client accepts; asked to wait longer, it gives up
 * @param jitter      the random part, as a fraction of the wait: wait * (1 + jitter * random)
 */
public record RetryPolicy(int maxTries, Duration deadline, Duration defaultWait, Duration maxWait, double jitter) {

    /** The answers that say "not now, ask again". */
    public static final Set<Integer> RETRYABLE = Set.of(409, 429, 503);

    public RetryPolicy {
        if (maxTries < 1 || deadline.isNegative() || defaultWait.isNegative() || maxWait.isNegative()
                || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need maxTries >= 1, durations >= 0, 0 <= jitter <= 1");
        }
    }

    /** Takes the first answer, whatever it is. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * A participant's client during a drop: up to 20 tries within a minute, waits of at most 10 s,
     * 50% jitter. Enough tries to outlast Ingest's in-progress window (a participation whose
     * RECEIVED put timed out keeps Ingest's hold, and answers 409 until the function's timeout passes).
     */
    public static RetryPolicy participant() {
        return new RetryPolicy(20, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(10), 0.5);
    }

    /**
     * The wait before the next try, or empty when the client takes this answer as final.
     *
     * @param tries      tries made so far (at least 1)
     * @param status     the last answer's status
     * @param retryAfter the last answer's Retry-After header, if any
     * @param elapsed    since the first try
     * @param now        for a Retry-After given as a date
     * @param random     uniform in [0, 1), for the jitter
     */
    public Optional<Duration> nextWait(int tries, int status, Optional<String> retryAfter, Duration elapsed,
                                       Instant now, double random) {
        if (!RETRYABLE.contains(status) || tries >= maxTries) {
            return Optional.empty();
        }
        Duration told = retryAfter.flatMap(header -> retryAfter(header, now))
                .orElseGet(() -> defaultWait.multipliedBy(1L << Math.min(20, tries - 1)));
        if (told.compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        Duration wait = told.plusNanos((long) (told.toNanos() * jitter * random));
        if (elapsed.plus(wait).compareTo(deadline) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    /** A Retry-After header (RFC 9110): delay-seconds or an HTTP-date; empty if it is neither. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
