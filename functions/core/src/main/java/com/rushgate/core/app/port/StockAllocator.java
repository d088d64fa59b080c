package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.ParticipationRequest;
import java.time.Instant;

/**
 * FCFS stock. One atomic step takes a unit of stock and moves the claimed request to SUCCEEDED, so
 * stock and results can never disagree: no oversell, no winner without a unit.
 */
public interface StockAllocator {

    /**
     * @throws RetryableException on a transaction conflict (another worker touched the stock
     *                            counter at the same moment), throttling or a timeout; nothing
     *                            changed in that case
     */
    Allocation allocate(ParticipationRequest claimed, Instant now);

    /** The outcome of {@link #allocate}. */
    enum Allocation {
        /** A unit was taken and the request SUCCEEDED. */
        ALLOCATED,
        /** No unit left; nothing changed. The caller rejects the request. */
        SOLD_OUT,
        /** The caller no longer holds the request (its lease ran out and another worker took it); nothing changed. */
        SUPERSEDED
    }
}
