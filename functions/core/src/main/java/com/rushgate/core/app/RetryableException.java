package com.rushgate.core.app;

/**
 * A dependency failed in a way that may pass: throttling, a transaction conflict, a timeout, a
 * connection reset. Ingest answers 503; the worker reports the message as a batch item failure so
 * SQS delivers it again.
 */
public class RetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetryableException(String message) {
        super(message);
    }
}
