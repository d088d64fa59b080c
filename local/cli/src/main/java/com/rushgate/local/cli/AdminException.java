package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the operators' API, or the API out of reach: printed as
 * {@code error: CODE: message}, exit code 1 for a refusal (4xx), 2 for a failure (5xx, unreachable).
 */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String code;
    private final transient String raw;

    AdminException(int exitCode, String code, String message, String raw) {
        super(message);
        this.exitCode = exitCode;
        this.code = code;
        this.raw = raw;
    }

    /**
     * The API's error: its {@code error.code} and {@code error.message}; for an answer of API
     * Gateway or IAM without them, the {@code x-amzn-ErrorType} and the {@code message}.
     */
    static AdminException of(int status, String errorType, JsonNode answer, String raw) {
        String code = answer.at("/error/code").asText(null);
        if (code == null) {
            code = errorType != null ? errorType.split(":", 2)[0] : "HTTP_" + status;
        }
        String message = answer.at("/error/message").asText(null);
        if (message == null) {
            message = answer.has("message") ? answer.get("message").asText() : answer.path("Message").asText(null);
        }
        if (message == null) {
            message = raw == null || raw.isBlank() ? "HTTP " + status : raw.strip();
        }
        return new AdminException(status >= 500 ? 2 : 1, code, message, raw);
    }

    /** Why a call did not get through, in a few words: the exception's kind and its message when it has one. */
    static String describe(Exception failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
    }

    int exitCode() {
        return exitCode;
    }

    String code() {
        return code;
    }

    /** The answer's body as it came, or null when there was none. */
    String raw() {
        return raw;
    }

    /** What the command line prints. */
    String line() {
        return "error: " + code + ": " + getMessage();
    }
}
