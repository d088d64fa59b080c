package com.rushgate.core.testing;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Sha256RequestIds;
import java.time.Instant;
import java.util.UUID;

/** Builders for test data. */
public final class Requests {

    private static final Sha256RequestIds IDS = new Sha256RequestIds();

    private Requests() {
    }

    public static String uniqueEventId() {
        return "ev-" + UUID.randomUUID().toString().substring(0, 18);
    }

    public static Event openFcfs(String eventId, int capacity, Instant opensAt) {
        return Event.create(eventId, EventType.FCFS, capacity, opensAt, null);
    }

    public static ParticipationRequest received(String eventId, String userId, Instant acceptedAt) {
        RequestId id = IDS.derive(eventId, userId);
        return ParticipationRequest.received(id, openFcfs(eventId, 1, acceptedAt), userId,
                "uk_" + "a".repeat(32), acceptedAt, null);
    }
}
