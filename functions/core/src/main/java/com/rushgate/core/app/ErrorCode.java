package com.rushgate.core.app;

/**
 * Every error the functions answer with, with the HTTP status it maps to. The mapping lives here so
 * that a client error can never turn into a 500 by accident. The answers API Gateway and the WAF
 * give themselves (an unknown route, an unreadable request, a WAF block) carry the codes of the
 * template's gateway responses and web ACL; docs/openapi.yaml lists both. The operators' codes
 * ({@link #operatorsOnly()}) are answered by the admin API alone, and documented on its routes only.
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
    /** A query parameter of an operators' route that is out of range (operators only). */
    INVALID_PARAMETER(400, true),
    /** A close, or a closesAt, earlier than now on an event that opened: requests may be accepted after it. */
    CLOSES_BEFORE_ACCEPTED(409, true),
    /** Moving opensAt of an event that has opened already (operators only). */
    ALREADY_OPEN(409, true),
    /** A new seed for a raffle that has opened: its commitment was published and is fixed (operators only). */
    COMMITMENT_FIXED(409, true),
    /** Shrinking an event's capacity below the units it granted already (operators only). */
    CAPACITY_BELOW_GRANTED(409, true),
    /** Deleting an event that opened, unless its counts show it took no request (operators only). */
    EVENT_HAS_REQUESTS(409, true),
    /** Restocking a raffle: only a first-come-first-served event has stock (operators only). */
    NOT_FCFS(409, true),
    /** Drawing, or asking for the winners of, an event that is not a raffle with a seed (operators only). */
    NOT_A_RAFFLE(409, true),
    /** Drawing a raffle before its close plus the settle window (operators only). */
    DRAW_TOO_EARLY(409, true),
    /** Drawing a raffle whose entries are in flight, or failed without a decision to draw without them (operators only). */
    DRAW_BLOCKED(409, true),
    /** Asking for the winners of a raffle not drawn yet (operators only). */
    NOT_DRAWN(409, true),
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
     * True for the refusals of operators' commands (creating, changing and drawing events), answered
     * by the admin API ({@code /admin/...}, IAM-signed) and by the commands invoked directly, never by
     * a participants' route: docs/openapi.yaml lists them on the admin routes only.
     */
    public boolean operatorsOnly() {
        return operatorsOnly;
    }
}
