package com.rushgate.core.domain;

/**
 * Where a participation request stands. See {@link Transition} for every allowed move.
 */
public enum RequestStatus {
    /** Recorded by Ingest; the queue message may not have been sent yet. */
    RECEIVED,
    /** The queue message was sent. */
    QUEUED,
    /** A worker holds the request under a lease and is deciding it. */
    PROCESSING,
    /**
     * Raffle: the entry is recorded and waits for the draw. Not final and not in flight: no worker
     * holds it and the reconciler leaves it alone; only the draw moves it on.
     */
    ENTERED,
    /** FCFS: won a unit of stock. Raffle: drawn. Never changes again. */
    SUCCEEDED,
    /** Sold out, not open, closed, or not drawn; the reason is stored. Never changes again. */
    REJECTED,
    /** Could not be processed; its message is in the dead letter queue and can be redriven. */
    FAILED_FINAL;

    /** Final states leave the in-flight index and produce an analytics record. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == REJECTED || this == FAILED_FINAL;
    }

    /** Decided requests never change again: a redrive or a late message for them changes nothing. */
    public boolean isDecided() {
        return this == SUCCEEDED || this == REJECTED;
    }

    /**
     * Whether a worker still has something to do for the request: not decided and not waiting for
     * a draw, and not failed for good (that one waits for an operator). The in-flight index lists
     * exactly these.
     */
    public boolean inFlight() {
        return !isDecided() && this != ENTERED && this != FAILED_FINAL;
    }
}
