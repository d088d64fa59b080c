package com.rushgate.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One user's participation in one event, as the RequestTable holds it.
 *
 * @param requestId     derived from (eventId, userId), so it is also the uniqueness key
 * @param eventId       the event
 * @param userId        the verified subject of the caller's token; never logged, never in the lake
 * @param userKey       keyed hash of userId, the only user identifier analytics ever sees
 * @param eventType     the event's type when the request was accepted (for analytics)
 * @param status        where the request stands
 * @param reason        why it was rejected or failed; null otherwise
 * @param attempts      how many times a worker claimed it
 * @param redriveCount  how many times an operator redrove it
 * @param acceptedAt    when Ingest accepted it; eligibility is judged at this instant
 * @param startedAt     when the latest claim started; null before the first claim
 * @param completedAt   when it reached a final state; null before
 * @param leaseExpiresAt until when the current holder owns it: a worker while PROCESSING, Ingest while
 *                       it sends the message of a RECEIVED request; null when nobody holds it
 * @param clientRef     optional reference the client sent with the request; null if none
 * @param version       incremented by every write, for optimistic checks
 * @param drawAt        a raffle entry's draw time, once it is entered; null otherwise
 */
public record ParticipationRequest(
        RequestId requestId,
        String eventId,
        String userId,
        String userKey,
        EventType eventType,
        RequestStatus status,
        String reason,
        int attempts,
        int redriveCount,
        Instant acceptedAt,
        Instant startedAt,
        Instant completedAt,
        Instant leaseExpiresAt,
        String clientRef,
        long version,
        Instant drawAt) {

    public ParticipationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (attempts < 0 || redriveCount < 0 || version < 0) {
            throw new IllegalArgumentException("attempts, redriveCount and version cannot be negative");
        }
    }

    /** A request as Ingest first records it. */
    public static ParticipationRequest received(RequestId requestId, Event event, String userId,
                                                String userKey, Instant acceptedAt, String clientRef) {
        return new ParticipationRequest(requestId, event.eventId(), userId, userKey, event.type(),
                RequestStatus.RECEIVED, null,
                0, 0, acceptedAt, null, null, null, clientRef, 1, null);
    }

    /** The same request, held until {@code until} (Ingest's hold while it sends the message). */
    public ParticipationRequest heldUntil(Instant until) {
        return new ParticipationRequest(requestId, eventId, userId, userKey, eventType, status, reason, attempts,
                redriveCount, acceptedAt, startedAt, completedAt, until, clientRef, version, drawAt);
    }

    /** Whether Ingest holds this RECEIVED request at {@code now}: another call is sending its message. */
    public boolean sendingAt(Instant now) {
        return status == RequestStatus.RECEIVED && leaseExpiresAt != null && !leaseExpiresAt.isBefore(now);
    }

    /** Time from acceptance to the final decision, once there is one. */
    public Duration latency() {
        if (completedAt == null) {
            throw new IllegalStateException("request " + requestId + " has no final state yet");
        }
        return Duration.between(acceptedAt, completedAt);
    }

    /** Whether a worker other than the caller holds a lease that has not run out at {@code now}. */
    public boolean leaseLiveAt(Instant now) {
        return status == RequestStatus.PROCESSING && leaseExpiresAt != null && !leaseExpiresAt.isBefore(now);
    }
}
