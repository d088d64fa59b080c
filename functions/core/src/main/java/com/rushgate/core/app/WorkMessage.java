package com.rushgate.core.app;

import com.rushgate.core.domain.RequestId;
import java.time.Instant;
import java.util.Objects;

/** What travels on the main queue for one request. The RequestTable item stays the truth. */
public record WorkMessage(RequestId requestId, String eventId, Instant acceptedAt) {

    public WorkMessage {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
