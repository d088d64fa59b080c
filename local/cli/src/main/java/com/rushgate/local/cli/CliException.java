package com.rushgate.local.cli;

/** A mistake the user can fix; printed without a stack trace, exit code 2. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
