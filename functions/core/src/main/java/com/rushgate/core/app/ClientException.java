package com.rushgate.core.app;

import java.util.Objects;

/**
 * The caller asked for something we refuse: bad input, unknown resource, wrong moment. Never
 * retried by us, never logged as an error, always a 4xx with {@link #code()}.
 */
public class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ClientException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        if (code.httpStatus() >= 500) {
            throw new IllegalArgumentException(code + " is not a client error");
        }
    }

    public ErrorCode code() {
        return code;
    }
}
