package com.rushgate.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * When the reconciler acts.
 *
 * @param receivedAfter a RECEIVED request this old never had its message sent (Ingest failed after the write)
 * @param staleAfter    a QUEUED or PROCESSING request unchanged this long has no message left that can
 *                      come back: at least the queue's visibility timeout times maxReceiveCount
 * @param maxAttempts   claims after which a stuck request is given up (FAILED_FINAL, into the DLQ)
 * @param maxPerRun     requests handled per status in one run, so a run fits its timeout
 */
public record ReconcilePolicy(Duration receivedAfter, Duration staleAfter, int maxAttempts, int maxPerRun) {

    public ReconcilePolicy {
        Objects.requireNonNull(receivedAfter, "receivedAfter");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (receivedAfter.isNegative() || staleAfter.isNegative() || maxAttempts < 1 || maxPerRun < 1) {
            throw new IllegalArgumentException("durations must not be negative; maxAttempts and maxPerRun at least 1");
        }
    }
}
