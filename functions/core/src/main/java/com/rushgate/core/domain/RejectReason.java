package com.rushgate.core.domain;

/** Why a request ended REJECTED; stored as the request's reason. */
public enum RejectReason {
    /** FCFS: no stock was left when the worker decided. */
    SOLD_OUT,
    /** Accepted before the event opened (only possible with clock skew or a changed event). */
    EVENT_NOT_OPEN,
    /** Accepted at or after the event closed (only possible if the event changed after acceptance). */
    EVENT_CLOSED,
    /** Raffle: entered, and not among the winners the draw gave. */
    NOT_DRAWN,
    /**
     * Raffle: not an entry of the draw. Its processing failed and the operator drew without it (the
     * published result lists it), or it was redriven after the draw.
     */
    EXCLUDED_FROM_DRAW
}
