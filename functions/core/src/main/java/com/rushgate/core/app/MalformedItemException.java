package com.rushgate.core.app;

/**
 * An item in a table cannot be read as what it should be (an attribute missing or of the wrong
 * kind): a data error no retry can fix. The worker fails the request for good with the reason
 * {@code MALFORMED_EVENT} and the message, so an operator can fix the item and redrive.
 */
public class MalformedItemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedItemException(String message, Throwable cause) {
        super(message, cause);
    }
}
