package com.rushgate.core.app;

import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;

/**
 * What the owner of a request may see of it.
 *
 * @param drawAt when the raffle entry is drawn; present only while the request is ENTERED
 */
public record RequestView(String requestId, String eventId, RequestStatus status, String reason,
                          Instant acceptedAt, Instant completedAt, Instant drawAt) {

    public static RequestView of(ParticipationRequest request) {
        return new RequestView(request.requestId().value(), request.eventId(), request.status(), request.reason(),
                request.acceptedAt(), request.completedAt(),
                request.status() == RequestStatus.ENTERED ? request.drawAt() : null);
    }
}
