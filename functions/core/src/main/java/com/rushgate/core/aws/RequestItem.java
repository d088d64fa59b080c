package com.rushgate.core.aws;

import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The RequestTable item layout. docs/architecture.md documents it; analytics reads it from the
 * stream, so a rename here is a breaking change there.
 */
public final class RequestItem {

    public static final String REQUEST_ID = "requestId";
    public static final String EVENT_ID = "eventId";
    public static final String USER_ID = "userId";
    public static final String USER_KEY = "userKey";
    public static final String EVENT_TYPE = "eventType";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String ATTEMPTS = "attempts";
    public static final String REDRIVE_COUNT = "redriveCount";
    public static final String ACCEPTED_AT = "acceptedAt";
    public static final String STARTED_AT = "startedAt";
    public static final String COMPLETED_AT = "completedAt";
    /** Epoch milliseconds, so a condition can compare it with now. */
    public static final String LEASE_EXPIRES_AT = "leaseExpiresAt";
    public static final String CLIENT_REF = "clientRef";
    /** Why an operator last redrove the request, when they said. */
    public static final String REDRIVE_REASON = "redriveReason";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updatedAt";
    /** completedAt - acceptedAt in ms, written with the final state (Pipes cannot compute it). */
    public static final String LATENCY_MS = "latencyMs";
    /** completedAt - startedAt in ms, written with the final state. */
    public static final String PROCESSING_MS = "processingMs";
    /** Sparse in-flight index partition key, "STATUS#NN"; present only while the request is not final. */
    public static final String INFLIGHT_PK = "inflightPk";
    /** Sparse in-flight index sort key: epoch ms of the last change; present only while not final. */
    public static final String INFLIGHT_AT = "inflightAt";

    /** Arrival index partition key, "eventId#NN"; present until the request is SUCCEEDED or REJECTED. */
    public static final String ARRIVAL_PK = "arrivalPk";
    /** Arrival index sort key, {@link ArrivalKey#sortKey()}: acceptedAt in epoch ms, then the requestId. */
    public static final String ARRIVAL_SK = "arrivalSk";
    /** Who holds the current claim: a token per claim call, so an SDK retry of it knows its own lease. */
    public static final String LEASE_HOLDER = "leaseHolder";

    /** Partitions of the in-flight index per status, so a burst does not write one hot index key. */
    public static final int INFLIGHT_SHARDS = 16;

    private RequestItem() {
    }

    public static String inflightPartition(RequestStatus status, RequestId requestId) {
        return inflightPartition(status, Math.floorMod(requestId.value().hashCode(), INFLIGHT_SHARDS));
    }

    public static String inflightPartition(RequestStatus status, int shard) {
        return status.name() + "#" + (shard < 10 ? "0" : "") + shard;
    }

    static Map<String, AttributeValue> key(RequestId requestId) {
        return Map.of(REQUEST_ID, s(requestId.value()));
    }

    static Map<String, AttributeValue> toItem(ParticipationRequest request, Instant now, int arrivalShards) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(REQUEST_ID, s(request.requestId().value()));
        item.put(EVENT_ID, s(request.eventId()));
        item.put(USER_ID, s(request.userId()));
        item.put(USER_KEY, s(request.userKey()));
        item.put(EVENT_TYPE, s(request.eventType().name()));
        item.put(STATUS, s(request.status().name()));
        item.put(ATTEMPTS, n(request.attempts()));
        item.put(REDRIVE_COUNT, n(request.redriveCount()));
        item.put(ACCEPTED_AT, s(Timestamps.format(request.acceptedAt())));
        item.put(VERSION, n(request.version()));
        item.put(UPDATED_AT, s(Timestamps.format(now)));
        if (request.reason() != null) {
            item.put(REASON, s(request.reason()));
        }
        if (request.clientRef() != null) {
            item.put(CLIENT_REF, s(request.clientRef()));
        }
        if (request.leaseExpiresAt() != null) {
            item.put(LEASE_EXPIRES_AT, n(request.leaseExpiresAt().toEpochMilli()));
        }
        if (!request.status().isFinal()) {
            item.put(INFLIGHT_PK, s(inflightPartition(request.status(), request.requestId())));
            item.put(INFLIGHT_AT, n(now.toEpochMilli()));
        }
        if (!request.status().isDecided()) {
            ArrivalKey arrival = ArrivalKey.of(request);
            item.put(ARRIVAL_PK, s(arrival.partition(request.eventId(), arrivalShards)));
            item.put(ARRIVAL_SK, s(arrival.sortKey()));
        }
        return item;
    }

    static ParticipationRequest fromItem(Map<String, AttributeValue> item) {
        return new ParticipationRequest(
                new RequestId(item.get(REQUEST_ID).s()),
                item.get(EVENT_ID).s(),
                item.get(USER_ID).s(),
                item.get(USER_KEY).s(),
                EventType.valueOf(item.get(EVENT_TYPE).s()),
                RequestStatus.valueOf(item.get(STATUS).s()),
                string(item, REASON),
                integer(item, ATTEMPTS),
                integer(item, REDRIVE_COUNT),
                Timestamps.parse(item.get(ACCEPTED_AT).s()),
                instant(item, STARTED_AT),
                instant(item, COMPLETED_AT),
                item.containsKey(LEASE_EXPIRES_AT) ? Instant.ofEpochMilli(Long.parseLong(item.get(LEASE_EXPIRES_AT).n())) : null,
                string(item, CLIENT_REF),
                Long.parseLong(item.get(VERSION).n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static int integer(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Integer.parseInt(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Timestamps.parse(value.s());
    }
}
