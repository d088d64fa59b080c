package com.rushgate.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * How an FCFS event's line is served.
 *
 * @param settle  a request is granted only once this long has passed since its acceptedAt: every
 *                request accepted before it is then surely in the arrival index. It covers Ingest's
 *                bound on its RECEIVED write (the put's call timeout), clock skew between functions
 *                and the index's propagation delay
 * @param lease   how long an allocator holds the event's allocation lease without renewing it; a
 *                crashed allocator blocks the line for at most this long
 * @param batch   requests granted in one transaction, at most 99 (the event item is the 100th)
 * @param maxWait how long one delivery waits inline for its turn before it gives its message back
 * @param soldOutMemory how long a container remembers that an event's stock is gone, so that the
 *                rejections after a sell-out do not all read the event's hot item; it answers only
 *                for requests accepted before the sell-out was seen, so one accepted after a restock
 *                reads the stock
 */
public record AllocationPolicy(Duration settle, Duration lease, int batch, Duration maxWait, Duration soldOutMemory) {

    /** TransactWriteItems takes 100 items: the event and 99 requests. */
    public static final int MAX_BATCH = 99;

    public AllocationPolicy {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(soldOutMemory, "soldOutMemory");
        if (settle.isNegative() || lease.isNegative() || lease.isZero() || maxWait.isNegative()
                || soldOutMemory.isNegative()) {
            throw new IllegalArgumentException("settle, maxWait and soldOutMemory cannot be negative, lease must be positive");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be between 1 and " + MAX_BATCH + ", got " + batch);
        }
    }
}
