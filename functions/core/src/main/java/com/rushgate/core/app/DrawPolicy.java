package com.rushgate.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * When a raffle is drawn and how its decisions travel.
 *
 * @param settle      the draw runs only once this long has passed since the raffle closed, so every
 *                    request accepted before the close is in the arrival index (the FCFS allocator's
 *                    settle window, for the same reason)
 * @param resendAfter decisions not taken this long after they were sent (a chunk in the DLQ, a
 *                    message lost) are sent again for the entries still waiting
 */
public record DrawPolicy(Duration settle, Duration resendAfter) {

    public DrawPolicy {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(resendAfter, "resendAfter");
        if (settle.isNegative() || resendAfter.isNegative() || resendAfter.isZero()) {
            throw new IllegalArgumentException("settle cannot be negative and resendAfter must be positive");
        }
    }
}
