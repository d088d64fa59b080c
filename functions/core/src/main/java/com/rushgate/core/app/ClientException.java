package com.rushgate.core.app;

import com.rushgate.core.domain.RequestId;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller asked for something we refuse: bad input, unknown resource, wrong moment. Never
 * retried by us, never logged as an error, always a 4xx with {@link #code()}.
 */
public class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String requestId;

    public ClientException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param requestId the request the refusal is about, told to the client; null when there is none */
    private ClientException(ErrorCode code, String message, String requestId) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.requestId = requestId;
        if (code.httpStatus() >= 500) {
            throw new IllegalArgumentException(code + " is not a client error");
        }
    }

    /** A refusal about a known request, which the answer names (a 409 IN_PROGRESS does). */
    public static ClientException about(RequestId requestId, ErrorCode code, String message) {
        return new ClientException(code, message, Objects.requireNonNull(requestId, "requestId").value());
    }

    public ErrorCode code() {
        return code;
    }

    /** The request this refusal names, if any. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
