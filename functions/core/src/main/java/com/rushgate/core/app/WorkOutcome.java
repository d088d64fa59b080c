package com.rushgate.core.app;

/** What became of one {@link WorkItem}; decides whether the message is acknowledged. */
public enum WorkOutcome {
    /** This delivery decided the request. */
    DECIDED(true),
    /** The request was decided before (a duplicate delivery); nothing changed. */
    ALREADY_DECIDED(true),
    /** Another worker took the request over after our lease ran out; it decides. */
    SUPERSEDED(true),
    /** Moved to the DLQ by the worker itself (final error, unreadable message). */
    DEAD_LETTERED(true),
    /** Still waiting for its turn on the last allowed delivery: a new message was sent for it. */
    SENT_AGAIN(true),
    /** Try again later: a retryable failure, or a live lease held elsewhere. */
    RETRY_LATER(false);

    private final boolean acknowledged;

    WorkOutcome(boolean acknowledged) {
        this.acknowledged = acknowledged;
    }

    /** Whether the message may be deleted from the main queue. */
    public boolean acknowledged() {
        return acknowledged;
    }
}
