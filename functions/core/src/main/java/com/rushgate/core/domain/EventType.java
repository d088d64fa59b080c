package com.rushgate.core.domain;

/** How an event decides its requests. */
public enum EventType {
    /** First come, first served: the first {@code capacity} requests win a unit of stock each. */
    FCFS,
    /** Every eligible request is entered; winners are drawn later, outside the request path. */
    RAFFLE
}
