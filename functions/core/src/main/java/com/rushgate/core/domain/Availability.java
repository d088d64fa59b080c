package com.rushgate.core.domain;

/** Whether an event takes requests at a given instant. */
public enum Availability {
    OPEN,
    NOT_OPEN,
    CLOSED
}
