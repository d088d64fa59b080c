package com.rushgate.ingest;

/**
 * The idempotency key: one user in one event. The user appears only as its keyed hash, so
 * Powertools' record key (and its local cache) holds no user identifier.
 */
public record ParticipationKey(String eventId, String userKey) {
}
