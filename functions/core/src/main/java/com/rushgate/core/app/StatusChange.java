package com.rushgate.core.app;

import com.rushgate.core.domain.RequestStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a request as the RequestTable's stream reports it, reduced to what the counts need.
 *
 * @param sequenceNumber the stream record's sequence number: increasing within its shard
 * @param eventId        the request's event
 * @param kind           what the record is
 * @param oldStatus      the status before (null for an insert)
 * @param oldReason      the reason before, if any
 * @param newStatus      the status after (null for a removal)
 * @param newReason      the reason after, if any (a rejection's)
 * @param latencyMillis  acceptance to decision, written with a final state; null otherwise
 * @param decidedAt      when the request reached a final state (its completedAt), or null
 * @param recordedAt     when the change happened (the record's approximate creation time)
 */
public record StatusChange(BigInteger sequenceNumber, String eventId, Kind kind, RequestStatus oldStatus,
                           String oldReason, RequestStatus newStatus, String newReason, Long latencyMillis,
                           Instant decidedAt, Instant recordedAt) {

    /** The stream's event names. */
    public enum Kind { INSERT, MODIFY, REMOVE }

    public StatusChange {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (kind != Kind.REMOVE && newStatus == null) {
            throw new IllegalArgumentException(kind + " of a request without a status");
        }
        if (kind == Kind.MODIFY && oldStatus == null) {
            throw new IllegalArgumentException("MODIFY of a request without its old status");
        }
    }

    /** Whether this change decided the request (it became SUCCEEDED or REJECTED). */
    public boolean decides() {
        return kind != Kind.REMOVE && newStatus.isDecided() && (oldStatus == null || !oldStatus.isDecided());
    }
}
