package com.rushgate.core.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A request as a store keeps it: every {@link RequestField} it has, and nothing else. What an
 * insert writes ({@link #inserted}) and what each transition changes ({@link #after}) are stated
 * here and in {@link Effect} once; stores apply them, and the contract tests compare what a store
 * holds with this.
 */
public final class StoredRequest {

    private static final Set<RequestField> REQUIRED = EnumSet.of(RequestField.REQUEST_ID, RequestField.EVENT_ID,
            RequestField.USER_ID, RequestField.USER_KEY, RequestField.EVENT_TYPE, RequestField.ACCEPTED_AT,
            RequestField.STATUS, RequestField.VERSION);

    private final Map<RequestField, Object> fields;

    /**
     * @param fields each present field with a value of its {@link RequestField#type()}
     * @throws IllegalArgumentException when an identity field, the status or the version is missing,
     *                                  or a value has the wrong type
     */
    public StoredRequest(Map<RequestField, Object> fields) {
        Map<RequestField, Object> copy = new EnumMap<>(RequestField.class);
        copy.putAll(fields);
        for (RequestField required : REQUIRED) {
            if (copy.get(required) == null) {
                throw new IllegalArgumentException("a stored request needs " + required);
            }
        }
        copy.forEach((field, value) -> {
            if (!field.type().isInstance(value)) {
                throw new IllegalArgumentException(field + " holds " + field.type().getSimpleName() + ", not " + value);
            }
        });
        this.fields = Collections.unmodifiableMap(copy);
    }

    /**
     * What an insert of {@code request} writes: its fields, {@code updatedAt} at its acceptance, an
     * in-flight entry at its acceptance unless it is final, and its place in line unless it is decided.
     */
    public static StoredRequest inserted(ParticipationRequest request) {
        Map<RequestField, Object> fields = new EnumMap<>(RequestField.class);
        fields.put(RequestField.REQUEST_ID, request.requestId());
        fields.put(RequestField.EVENT_ID, request.eventId());
        fields.put(RequestField.USER_ID, request.userId());
        fields.put(RequestField.USER_KEY, request.userKey());
        fields.put(RequestField.EVENT_TYPE, request.eventType());
        fields.put(RequestField.ACCEPTED_AT, request.acceptedAt());
        putIfPresent(fields, RequestField.CLIENT_REF, request.clientRef());
        fields.put(RequestField.STATUS, request.status());
        putIfPresent(fields, RequestField.REASON, request.reason());
        fields.put(RequestField.ATTEMPTS, (long) request.attempts());
        fields.put(RequestField.REDRIVE_COUNT, (long) request.redriveCount());
        putIfPresent(fields, RequestField.STARTED_AT, request.startedAt());
        putIfPresent(fields, RequestField.COMPLETED_AT, request.completedAt());
        putIfPresent(fields, RequestField.LEASE_EXPIRES_AT, request.leaseExpiresAt());
        fields.put(RequestField.VERSION, request.version());
        putIfPresent(fields, RequestField.DRAW_AT, request.drawAt());
        fields.put(RequestField.UPDATED_AT, request.acceptedAt());
        if (request.status().inFlight()) {
            fields.put(RequestField.INFLIGHT, request.acceptedAt());
        }
        if (!request.status().isDecided()) {
            fields.put(RequestField.ARRIVAL, ArrivalKey.of(request));
        }
        return new StoredRequest(fields);
    }

    /** This request after {@code transition}'s effect with {@code inputs}; its guard is the caller's business. */
    public StoredRequest after(Transition transition, TransitionInputs inputs) {
        return new StoredRequest(transition.effect().applyTo(fields, inputs));
    }

    /** The request as the use cases see it. */
    public ParticipationRequest request() {
        return new ParticipationRequest(
                (RequestId) fields.get(RequestField.REQUEST_ID),
                (String) fields.get(RequestField.EVENT_ID),
                (String) fields.get(RequestField.USER_ID),
                (String) fields.get(RequestField.USER_KEY),
                (EventType) fields.get(RequestField.EVENT_TYPE),
                status(),
                (String) fields.get(RequestField.REASON),
                count(RequestField.ATTEMPTS),
                count(RequestField.REDRIVE_COUNT),
                (Instant) fields.get(RequestField.ACCEPTED_AT),
                (Instant) fields.get(RequestField.STARTED_AT),
                (Instant) fields.get(RequestField.COMPLETED_AT),
                (Instant) fields.get(RequestField.LEASE_EXPIRES_AT),
                (String) fields.get(RequestField.CLIENT_REF),
                (Long) fields.get(RequestField.VERSION),
                (Instant) fields.get(RequestField.DRAW_AT));
    }

    public RequestId requestId() {
        return (RequestId) fields.get(RequestField.REQUEST_ID);
    }

    public RequestStatus status() {
        return (RequestStatus) fields.get(RequestField.STATUS);
    }

    /** The value of {@code field}, or null when the request does not have it. */
    public <T> T get(RequestField field, Class<T> type) {
        if (!type.equals(field.type())) {
            throw new IllegalArgumentException(field + " holds " + field.type().getSimpleName());
        }
        return type.cast(fields.get(field));
    }

    /** Every present field; unmodifiable. */
    public Map<RequestField, Object> fields() {
        return fields;
    }

    private int count(RequestField field) {
        Long value = (Long) fields.get(field);
        return value == null ? 0 : Math.toIntExact(value);
    }

    private static void putIfPresent(Map<RequestField, Object> fields, RequestField field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRequest stored && fields.equals(stored.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "StoredRequest" + fields;
    }
}
