package com.rushgate.core.app;

/**
 * Every error the functions answer with, with the HTTP status it maps to. The mapping lives here so
 * that a client error can never turn into a 500 by accident. The answers API Gateway and the WAF
 * give themselves (an unknown route, an unreadable request, a WAF block) carry the codes of the
 * template's gateway responses and web ACL; docs/openapi.yaml lists both, except the operators'
 * codes ({@link #operatorsOnly()}).
 */
public enum ErrorCode {
    UNAUTHORIZED(401),
    INVALID_EVENT_ID(400),
    INVALID_REQUEST_ID(400),
    INVALID_BODY(400),
    BODY_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    EVENT_NOT_FOUND(404),
    REQUEST_NOT_FOUND(404),
    EVENT_NOT_OPEN(409),
    EVENT_CLOSED(409),
    IN_PROGRESS(409),
    /** A page number that is not a whole number of 0 or more. */
    INVALID_PAGE(400),
    /** Creating an event whose id is taken (operators only). */
    EVENT_EXISTS(409, true),
    /** An event description that cannot be created: a bad type, capacity or window (operators only). */
    INVALID_EVENT(400, true),
    TOO_MANY_REQUESTS(429),
    SERVICE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int httpStatus;
    private final boolean operatorsOnly;

    ErrorCode(int httpStatus) {
        this(httpStatus, false);
    }

    ErrorCode(int httpStatus, boolean operatorsOnly) {
        this.httpStatus = httpStatus;
        this.operatorsOnly = operatorsOnly;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * True for the refusals of operators' commands (creating an event), which are invoked directly
     * (the command line, a Lambda invoke), never through the participants' API: docs/openapi.yaml
     * does not list them.
     */
    public boolean operatorsOnly() {
        return operatorsOnly;
    }
}
