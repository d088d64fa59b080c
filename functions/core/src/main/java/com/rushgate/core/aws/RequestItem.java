package com.rushgate.core.aws;

import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestField;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The RequestTable item layout: where each {@link RequestField} is stored and how. docs/architecture.md
 * documents it; analytics reads it from the stream, so a rename here is a breaking change there.
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
    /** A raffle entry's draw time; projected into the arrival index, where it marks the draw's entries. */
    public static final String DRAW_AT = "drawAt";
    /** When the draw that decided a raffle entry ran. */
    public static final String DRAWN_AT = "drawnAt";

    /** Partitions of the in-flight index per status, so a burst does not write one hot index key. */
    public static final int INFLIGHT_SHARDS = 16;

    /** What {@link ParticipationRequest} holds: all a read for the use cases decodes. */
    private static final Set<RequestField> REQUEST_FIELDS = EnumSet.complementOf(EnumSet.of(RequestField.LEASE_HOLDER,
            RequestField.REDRIVE_REASON, RequestField.LATENCY, RequestField.PROCESSING_TIME, RequestField.UPDATED_AT,
            RequestField.INFLIGHT, RequestField.ARRIVAL, RequestField.DRAWN_AT));
    private static final Set<RequestField> ALL_FIELDS = EnumSet.allOf(RequestField.class);

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

    /** The attributes that hold {@code field}: two for the index entries, one for any other field. */
    static List<String> attributesOf(RequestField field) {
        return switch (field) {
            case REQUEST_ID -> List.of(REQUEST_ID);
            case EVENT_ID -> List.of(EVENT_ID);
            case USER_ID -> List.of(USER_ID);
            case USER_KEY -> List.of(USER_KEY);
            case EVENT_TYPE -> List.of(EVENT_TYPE);
            case ACCEPTED_AT -> List.of(ACCEPTED_AT);
            case CLIENT_REF -> List.of(CLIENT_REF);
            case STATUS -> List.of(STATUS);
            case REASON -> List.of(REASON);
            case ATTEMPTS -> List.of(ATTEMPTS);
            case REDRIVE_COUNT -> List.of(REDRIVE_COUNT);
            case STARTED_AT -> List.of(STARTED_AT);
            case COMPLETED_AT -> List.of(COMPLETED_AT);
            case LEASE_EXPIRES_AT -> List.of(LEASE_EXPIRES_AT);
            case LEASE_HOLDER -> List.of(LEASE_HOLDER);
            case REDRIVE_REASON -> List.of(REDRIVE_REASON);
            case LATENCY -> List.of(LATENCY_MS);
            case PROCESSING_TIME -> List.of(PROCESSING_MS);
            case UPDATED_AT -> List.of(UPDATED_AT);
            case VERSION -> List.of(VERSION);
            case INFLIGHT -> List.of(INFLIGHT_PK, INFLIGHT_AT);
            case ARRIVAL -> List.of(ARRIVAL_PK, ARRIVAL_SK);
            case DRAW_AT -> List.of(DRAW_AT);
            case DRAWN_AT -> List.of(DRAWN_AT);
        };
    }

    /**
     * {@code field} = {@code value} as the attributes of the item of {@code requestId}, whose status
     * is {@code status} (the in-flight entry is listed under it) and whose event's line has
     * {@code arrivalShards} shards (0 where unknown: then no arrival entry can be written).
     */
    static Map<String, AttributeValue> encode(RequestField field, Object value, RequestId requestId,
                                              String eventId, RequestStatus status, int arrivalShards) {
        String attribute = attributesOf(field).get(0);
        return switch (field) {
            case REQUEST_ID -> Map.of(attribute, s(((RequestId) value).value()));
            case EVENT_TYPE, STATUS -> Map.of(attribute, s(((Enum<?>) value).name()));
            case EVENT_ID, USER_ID, USER_KEY, CLIENT_REF, REASON, LEASE_HOLDER, REDRIVE_REASON -> Map.of(attribute, s((String) value));
            case ATTEMPTS, REDRIVE_COUNT, VERSION -> Map.of(attribute, n((Long) value));
            case ACCEPTED_AT, STARTED_AT, COMPLETED_AT, UPDATED_AT, DRAW_AT, DRAWN_AT ->
                    Map.of(attribute, s(Timestamps.format((Instant) value)));
            case LEASE_EXPIRES_AT -> Map.of(attribute, n(((Instant) value).toEpochMilli()));
            case LATENCY, PROCESSING_TIME -> Map.of(attribute, n(((Duration) value).toMillis()));
            case INFLIGHT -> Map.of(INFLIGHT_PK, s(inflightPartition(status, requestId)),
                    INFLIGHT_AT, n(((Instant) value).toEpochMilli()));
            case ARRIVAL -> {
                if (arrivalShards < 1) {
                    throw new IllegalStateException("an arrival entry is written only with the request's insert");
                }
                ArrivalKey arrival = (ArrivalKey) value;
                yield Map.of(ARRIVAL_PK, s(arrival.partition(eventId, arrivalShards)), ARRIVAL_SK, s(arrival.sortKey()));
            }
        };
    }

    /** The item of {@code request}: every field it has. */
    static Map<String, AttributeValue> toItem(StoredRequest request, int arrivalShards) {
        Map<String, AttributeValue> item = new HashMap<>();
        String eventId = request.get(RequestField.EVENT_ID, String.class);
        request.fields().forEach((field, value) ->
                item.putAll(encode(field, value, request.requestId(), eventId, request.status(), arrivalShards)));
        return item;
    }

    /** The item an insert of {@code request} writes ({@link StoredRequest#inserted}). */
    static Map<String, AttributeValue> toItem(ParticipationRequest request, int arrivalShards) {
        return toItem(StoredRequest.inserted(request), arrivalShards);
    }

    static ParticipationRequest fromItem(Map<String, AttributeValue> item) {
        return decode(item, false).request();
    }

    /**
     * Everything {@code item} holds, as the domain names it, checked: an attribute that no field
     * names, or an in-flight entry listed under another status than the item's, is refused. Tests
     * compare a store's items with what the domain says they hold.
     *
     * @throws IllegalArgumentException when the item holds more or other than the fields say
     */
    public static StoredRequest stored(Map<String, AttributeValue> item) {
        return decode(item, true);
    }

    private static StoredRequest decode(Map<String, AttributeValue> item, boolean strict) {
        Map<RequestField, Object> fields = new EnumMap<>(RequestField.class);
        for (RequestField field : strict ? ALL_FIELDS : REQUEST_FIELDS) {
            AttributeValue value = item.get(attributesOf(field).get(0));
            if (value != null) {
                fields.put(field, decode(field, value, item));
            }
        }
        if (strict) {
            Set<String> known = new HashSet<>();
            for (RequestField field : RequestField.values()) {
                known.addAll(attributesOf(field));
            }
            for (String attribute : item.keySet()) {
                if (!known.contains(attribute)) {
                    throw new IllegalArgumentException("no request field is stored as " + attribute);
                }
            }
            checkPairs(item);
        }
        StoredRequest stored = new StoredRequest(fields);
        AttributeValue inflightPk = item.get(INFLIGHT_PK);
        if (strict && inflightPk != null
                && !inflightPk.s().equals(inflightPartition(stored.status(), stored.requestId()))) {
            throw new IllegalArgumentException("in-flight entry " + inflightPk.s() + " for a " + stored.status() + " request");
        }
        return stored;
    }

    private static void checkPairs(Map<String, AttributeValue> item) {
        if (item.containsKey(INFLIGHT_PK) != item.containsKey(INFLIGHT_AT)
                || item.containsKey(ARRIVAL_PK) != item.containsKey(ARRIVAL_SK)) {
            throw new IllegalArgumentException("an index entry lacks its partition or its sort key");
        }
    }

    private static Object decode(RequestField field, AttributeValue value, Map<String, AttributeValue> item) {
        return switch (field) {
            case REQUEST_ID -> new RequestId(value.s());
            case EVENT_TYPE -> EventType.valueOf(value.s());
            case STATUS -> RequestStatus.valueOf(value.s());
            case EVENT_ID, USER_ID, USER_KEY, CLIENT_REF, REASON, LEASE_HOLDER, REDRIVE_REASON -> value.s();
            case ATTEMPTS, REDRIVE_COUNT, VERSION -> Long.parseLong(value.n());
            case ACCEPTED_AT, STARTED_AT, COMPLETED_AT, UPDATED_AT, DRAW_AT, DRAWN_AT -> Timestamps.parse(value.s());
            case LEASE_EXPIRES_AT -> Instant.ofEpochMilli(Long.parseLong(value.n()));
            case LATENCY, PROCESSING_TIME -> Duration.ofMillis(Long.parseLong(value.n()));
            case INFLIGHT -> Instant.ofEpochMilli(Long.parseLong(item.get(INFLIGHT_AT).n()));
            case ARRIVAL -> ArrivalKey.parse(item.get(ARRIVAL_SK).s());
        };
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
