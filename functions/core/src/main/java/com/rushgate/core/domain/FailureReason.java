package com.rushgate.core.domain;

/** Why a request ended FAILED_FINAL; stored as its reason and sent with its DLQ message. */
public enum FailureReason {
    /** The message names an event that does not exist. */
    UNKNOWN_EVENT,
    /** The message does not match the request it names, or names none. */
    INVALID_MESSAGE,
    /** The event's item in the EventTable cannot be read (an attribute missing or of the wrong kind). */
    MALFORMED_EVENT,
    /** Retryable failures on every allowed receive of the message. */
    RETRIES_EXHAUSTED,
    /** The reconciler found it stuck with no message left to carry it and no attempts left. */
    ATTEMPTS_EXHAUSTED,
    /** A redrive moved it back to QUEUED but could not send its message; its DLQ message stays. */
    REDRIVE_INTERRUPTED
}
