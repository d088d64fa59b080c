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
    /** FCFS: won a unit of stock. Raffle: entry recorded. Never changes again. */
    SUCCEEDED,
    /** Sold out, not open, or closed; the reason is stored. Never changes again. */
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
}
