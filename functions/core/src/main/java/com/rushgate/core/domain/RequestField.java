package com.rushgate.core.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything a store keeps about a request, named once for every store: the fields of
 * {@link ParticipationRequest} and what only stores need (index entries, latency figures for
 * analytics, the claim token). Identity fields are written once, when the request is inserted; the
 * others change only through a {@link Transition}'s {@link Effect}.
 */
public enum RequestField {
    REQUEST_ID(RequestId.class, true),
    EVENT_ID(String.class, true),
    USER_ID(String.class, true),
    USER_KEY(String.class, true),
    EVENT_TYPE(EventType.class, true),
    ACCEPTED_AT(Instant.class, true),
    CLIENT_REF(String.class, true),
    STATUS(RequestStatus.class, false),
    REASON(String.class, false),
    ATTEMPTS(Long.class, false),
    REDRIVE_COUNT(Long.class, false),
    STARTED_AT(Instant.class, false),
    COMPLETED_AT(Instant.class, false),
    LEASE_EXPIRES_AT(Instant.class, false),
    /** Who holds the current claim: a token per claim call, so a retried call knows its own lease. */
    LEASE_HOLDER(String.class, false),
    /** Why an operator last redrove the request, when they said. */
    REDRIVE_REASON(String.class, false),
    /** completedAt - acceptedAt, written with the final state (the stream's consumers cannot compute it). */
    LATENCY(Duration.class, false),
    /** completedAt - startedAt, written with the final state when the request was claimed. */
    PROCESSING_TIME(Duration.class, false),
    UPDATED_AT(Instant.class, false),
    VERSION(Long.class, false),
    /** The request's entry in the in-flight index: when it last changed, listed under its status. */
    INFLIGHT(Instant.class, false),
    /** The request's place in its event's line (the arrival index). */
    ARRIVAL(ArrivalKey.class, false),
    /**
     * A raffle entry's draw time (the event's close plus the settle window), written when it is
     * entered. Projected into the arrival index, where it marks the entries the draw takes.
     */
    DRAW_AT(Instant.class, false),
    /** When the draw that decided a raffle entry ran. */
    DRAWN_AT(Instant.class, false);

    private final Class<?> type;
    private final boolean identity;

    RequestField(Class<?> type, boolean identity) {
        this.type = type;
        this.identity = identity;
    }

    /** The Java type of the field's value. */
    public Class<?> type() {
        return type;
    }

    /** Identity fields never change after the insert; no transition may write them. */
    public boolean identity() {
        return identity;
    }
}
