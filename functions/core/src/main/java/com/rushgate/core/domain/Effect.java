package com.rushgate.core.domain;

import static com.rushgate.core.domain.RequestField.ARRIVAL;
import static com.rushgate.core.domain.RequestField.COMPLETED_AT;
import static com.rushgate.core.domain.RequestField.INFLIGHT;
import static com.rushgate.core.domain.RequestField.LATENCY;
import static com.rushgate.core.domain.RequestField.LEASE_EXPIRES_AT;
import static com.rushgate.core.domain.RequestField.LEASE_HOLDER;
import static com.rushgate.core.domain.RequestField.PROCESSING_TIME;
import static com.rushgate.core.domain.RequestField.REASON;
import static com.rushgate.core.domain.RequestField.STATUS;
import static com.rushgate.core.domain.RequestField.UPDATED_AT;
import static com.rushgate.core.domain.RequestField.VERSION;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Transition} does to a stored request, beside checking its guard: which fields it
 * sets (from which {@link Input}), removes or increments. Every store applies this one description
 * (the DynamoDB adapter as one update expression, the in-memory fake with {@link #applyTo}), so
 * they cannot drift apart. Each field appears at most once.
 *
 * <p>Every transition sets the status, {@code updatedAt} and a new version. A final one completes
 * the request and takes it out of the in-flight index, with its lease; a decided one leaves its
 * event's line as well (a FAILED_FINAL request keeps its place). A raffle entry that waits for its
 * draw leaves the in-flight index and its lease but keeps its place in line. A transition back in
 * flight puts the request in the index under its new status and drops what described an old outcome.
 */
public final class Effect {

    /** How a change writes its field. */
    public enum Op {
        /** Writes the input's value; the input must be given. */
        SET,
        /** Writes the input's value when it is given, and leaves the field alone otherwise. */
        SET_IF_GIVEN,
        /** Deletes the field. */
        REMOVE,
        /** Adds one, counting from zero when the field is absent. */
        INCREMENT
    }

    /** Where a written value comes from. */
    public enum Input {
        /** The transition's target status. */
        TARGET(RequestStatus.class),
        NOW(Instant.class),
        LEASE_UNTIL(Instant.class),
        GIVEN_REASON(String.class),
        CLAIM_TOKEN(String.class),
        GIVEN_REDRIVE_REASON(String.class),
        /** now - acceptedAt. */
        SINCE_ACCEPTED(Duration.class),
        /** now - startedAt; absent when the caller's request was never claimed. */
        SINCE_STARTED(Duration.class),
        /** A raffle's draw: when it is due, or when it ran. */
        DRAW_TIME(Instant.class);

        private final Class<?> type;

        Input(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    /** One field's change; {@code input} is null unless it sets a value. */
    public record Change(RequestField field, Op op, Input input) {

        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            if (field.identity()) {
                throw new IllegalArgumentException(field + " is an identity field; no transition writes it");
            }
            boolean sets = op == Op.SET || op == Op.SET_IF_GIVEN;
            if (sets != (input != null)) {
                throw new IllegalArgumentException(op + " of " + field + (sets ? " needs" : " takes no") + " input");
            }
            if (sets && !field.type().equals(input.type())) {
                throw new IllegalArgumentException(field + " holds " + field.type().getSimpleName() + ", not " + input);
            }
            if (op == Op.INCREMENT && !field.type().equals(Long.class)) {
                throw new IllegalArgumentException(field + " is not a count");
            }
        }

        public static Change set(RequestField field, Input input) {
            return new Change(field, Op.SET, input);
        }

        public static Change setIfGiven(RequestField field, Input input) {
            return new Change(field, Op.SET_IF_GIVEN, input);
        }

        public static Change remove(RequestField field) {
            return new Change(field, Op.REMOVE, null);
        }

        public static Change increment(RequestField field) {
            return new Change(field, Op.INCREMENT, null);
        }
    }

    private final String transition;
    private final RequestStatus target;
    private final List<Change> changes;

    private Effect(String transition, RequestStatus target, List<Change> changes) {
        this.transition = transition;
        this.target = target;
        this.changes = List.copyOf(changes);
        Set<RequestField> seen = EnumSet.noneOf(RequestField.class);
        for (Change change : this.changes) {
            if (!seen.add(change.field())) {
                throw new IllegalArgumentException(transition + " changes " + change.field() + " twice");
            }
        }
    }

    /** The changes every transition to {@code target} makes, then {@code own}. */
    static Effect of(String transition, RequestStatus target, Change... own) {
        List<Change> changes = new ArrayList<>();
        changes.add(Change.set(STATUS, Input.TARGET));
        changes.add(Change.set(UPDATED_AT, Input.NOW));
        changes.add(Change.increment(VERSION));
        if (target.isFinal()) {
            changes.add(Change.set(COMPLETED_AT, Input.NOW));
            changes.add(Change.remove(INFLIGHT));
            changes.add(Change.remove(LEASE_EXPIRES_AT));
            changes.add(Change.remove(LEASE_HOLDER));
            if (target.isDecided()) {
                changes.add(Change.remove(ARRIVAL));
            }
        } else if (!target.inFlight()) {
            // A raffle entry waits for its draw: nobody holds it and the reconciler leaves it alone.
            changes.add(Change.remove(INFLIGHT));
            changes.add(Change.remove(LEASE_EXPIRES_AT));
            changes.add(Change.remove(LEASE_HOLDER));
        } else {
            changes.add(Change.set(INFLIGHT, Input.NOW));
            // Back in flight (a redrive, a console redrive): what described the old outcome goes.
            changes.add(Change.remove(REASON));
            changes.add(Change.remove(COMPLETED_AT));
            changes.add(Change.remove(LATENCY));
            changes.add(Change.remove(PROCESSING_TIME));
        }
        changes.addAll(List.of(own));
        return new Effect(transition, target, changes);
    }

    public List<Change> changes() {
        return changes;
    }

    /** Every field this effect writes. */
    public Set<RequestField> fields() {
        Set<RequestField> fields = EnumSet.noneOf(RequestField.class);
        changes.forEach(change -> fields.add(change.field()));
        return fields;
    }

    /**
     * The value {@code change} writes with {@code inputs}: null for a {@link Op#SET_IF_GIVEN} whose
     * input is absent.
     *
     * @throws IllegalStateException when a {@link Op#SET} lacks its input: a bug in the caller
     */
    public Object value(Change change, TransitionInputs inputs) {
        Object value = switch (change.input()) {
            case TARGET -> target;
            case NOW -> inputs.now();
            case LEASE_UNTIL -> inputs.leaseUntil();
            case GIVEN_REASON -> inputs.reason();
            case CLAIM_TOKEN -> inputs.claimToken();
            case GIVEN_REDRIVE_REASON -> inputs.redriveReason();
            case SINCE_ACCEPTED -> inputs.acceptedAt() == null ? null : Duration.between(inputs.acceptedAt(), inputs.now());
            case SINCE_STARTED -> inputs.startedAt() == null ? null : Duration.between(inputs.startedAt(), inputs.now());
            case DRAW_TIME -> inputs.drawTime();
        };
        if (value == null && change.op() == Op.SET) {
            throw new IllegalStateException(transition + " needs " + change.input() + " to set " + change.field());
        }
        return value;
    }

    /** The fields of a stored request after this effect, given its fields before (unchanged). */
    public Map<RequestField, Object> applyTo(Map<RequestField, Object> before, TransitionInputs inputs) {
        Map<RequestField, Object> after = new EnumMap<>(RequestField.class);
        after.putAll(before);
        for (Change change : changes) {
            switch (change.op()) {
                case SET, SET_IF_GIVEN -> {
                    Object value = value(change, inputs);
                    if (value != null) {
                        after.put(change.field(), value);
                    }
                }
                case REMOVE -> after.remove(change.field());
                case INCREMENT -> after.merge(change.field(), 1L, (old, one) -> (Long) old + 1L);
            }
        }
        return after;
    }
}
