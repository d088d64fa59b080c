package com.rushgate.core.app;

import com.rushgate.core.app.port.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries where the failure happens: a call that throws {@link RetryableException} (throttling, a
 * conflict, a timeout) is repeated after a jittered, growing pause until it succeeds or the
 * deadline comes. The request it works for keeps its place meanwhile.
 */
final class Backoff {

    private final Clock clock;
    private final Pause pause;
    private final Duration first;
    private final Duration max;

    Backoff(Clock clock, Pause pause, Duration first, Duration max) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
    }

    /** @throws RetryableException the last failure, once the next try would start after {@code deadline} */
    <T> T retrying(Supplier<T> call, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (RetryableException e) {
                Duration wait = jittered(step(first, max, attempt));
                if (clock.instant().plus(wait).isAfter(deadline) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                pause.pause(wait);
            }
        }
    }

    /** {@code first} doubled per attempt, at most {@code max}. */
    static Duration step(Duration first, Duration max, int attempt) {
        long millis = first.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Full jitter between half the step and the step, so retries of parallel workers spread out. */
    private static Duration jittered(Duration step) {
        long millis = step.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
