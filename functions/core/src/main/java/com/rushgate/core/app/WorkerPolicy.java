package com.rushgate.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a worker holds a request and how many deliveries a message gets.
 *
 * @param lease           how long a claim lasts; at most the queue's visibility timeout, so a
 *                        redelivered message always finds the lease of a crashed worker expired
 * @param maxReceiveCount the queue's RedrivePolicy maxReceiveCount: on that delivery a retryable
 *                        failure marks the request FAILED_FINAL before SQS moves the message to the DLQ
 */
public record WorkerPolicy(Duration lease, int maxReceiveCount) {

    public WorkerPolicy {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1");
        }
    }
}
