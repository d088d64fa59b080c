package com.rushgate.local.demo;

import com.rushgate.core.domain.EventType;
import java.time.Duration;
import java.util.Objects;

/**
 * @param users        distinct participants
 * @param capacity     units of stock of the FCFS event
 * @param duplicates   extra submissions as a fraction of users (0.1 = 10% of users submit twice)
 * @param concurrency  HTTP clients sending at the same time
 * @param drainTimeout how long to wait for every accepted request to become final
 * @param chaos        fraction of SQS sends, DynamoDB transitions and worker claims that fail while
 *                     participations arrive (0 for none); the stack must run with fault injection
 * @param type         FCFS (a drop: capacity units of stock) or RAFFLE (capacity winners drawn); chaos
 *                     runs with FCFS only
 */
public record DemoOptions(int users, int capacity, double duplicates, int concurrency, Duration drainTimeout,
                          double chaos, EventType type) {

    /** An FCFS drop. */
    public DemoOptions(int users, int capacity, double duplicates, int concurrency, Duration drainTimeout, double chaos) {
        this(users, capacity, duplicates, concurrency, drainTimeout, chaos, EventType.FCFS);
    }

    public DemoOptions {
        Objects.requireNonNull(type, "type");
        if (type == EventType.RAFFLE && chaos > 0) {
            throw new IllegalArgumentException("--chaos runs with an FCFS drop; a raffle's demo runs without faults");
        }
        if (users < 1 || capacity < 0 || concurrency < 1 || duplicates < 0 || duplicates > 10) {
            throw new IllegalArgumentException("need users >= 1, capacity >= 0, concurrency >= 1, 0 <= duplicates <= 10");
        }
        if (chaos < 0 || chaos > 0.5) {
            throw new IllegalArgumentException("chaos is a fraction between 0 and 0.5");
        }
    }

    /** Poison messages sent along with a chaotic run: one per hundred users, at least one. */
    public int poisonMessages() {
        return chaos > 0 ? Math.max(1, users / 100) : 0;
    }
}
