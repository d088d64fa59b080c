package com.rushgate.local.lambda;

/** A function could not start: missing code, a bad handler string, or its init threw. */
public final class FunctionInitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionInitException(String message) {
        super(message);
    }

    public FunctionInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
