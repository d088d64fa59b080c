package com.rushgate.core.aws;

import static com.rushgate.core.aws.RequestItem.n;
import static com.rushgate.core.aws.RequestItem.s;

import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds the one conditional UpdateItem that performs a {@link Transition}: the condition comes
 * from {@link Transition#sources()}, never written by hand, and the update always keeps the
 * sparse in-flight index attributes, updatedAt and version right.
 */
final class TransitionWrite {

    private final Transition transition;
    private final RequestId requestId;
    private final Instant now;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private int expectedAttempt = -1;
    private long expectedVersion = -1;

    private TransitionWrite(Transition transition, RequestId requestId, Instant now) {
        this.transition = transition;
        this.requestId = requestId;
        this.now = now;
        RequestStatus target = transition.target();
        set(RequestItem.STATUS, s(target.name()));
        set(RequestItem.UPDATED_AT, s(Timestamps.format(now)));
        sets.add(name(RequestItem.VERSION) + " = " + name(RequestItem.VERSION) + " + " + value("one", n(1)));
        if (target.isFinal()) {
            remove(RequestItem.INFLIGHT_PK);
            remove(RequestItem.INFLIGHT_AT);
            remove(RequestItem.LEASE_EXPIRES_AT);
            set(RequestItem.COMPLETED_AT, s(Timestamps.format(now)));
            remove(RequestItem.LEASE_HOLDER);
            if (target.isDecided()) {
                // Out of the line; a FAILED_FINAL request keeps its place in it.
                remove(RequestItem.ARRIVAL_PK);
                remove(RequestItem.ARRIVAL_SK);
            }
        } else {
            set(RequestItem.INFLIGHT_PK, s(RequestItem.inflightPartition(target, requestId)));
            set(RequestItem.INFLIGHT_AT, n(now.toEpochMilli()));
            // Back in flight (a redrive, a console redrive): what described the old outcome goes.
            remove(RequestItem.REASON);
            remove(RequestItem.COMPLETED_AT);
            remove(RequestItem.LATENCY_MS);
            remove(RequestItem.PROCESSING_MS);
        }
    }

    static TransitionWrite of(Transition transition, RequestId requestId, Instant now) {
        return new TransitionWrite(transition, requestId, now);
    }

    /** The attempt the caller holds, for SAME_ATTEMPT guards. */
    TransitionWrite expectingAttempt(int attempt) {
        this.expectedAttempt = attempt;
        return this;
    }

    /** The version the caller read, for UNCHANGED guards. */
    TransitionWrite expectingVersion(long version) {
        this.expectedVersion = version;
        return this;
    }

    TransitionWrite set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(attribute, value));
        return this;
    }

    /** SET attribute = attribute + delta, creating it from zero. */
    TransitionWrite increment(String attribute) {
        sets.add(name(attribute) + " = if_not_exists(" + name(attribute) + ", " + value("zero", n(0)) + ") + "
                + value("one", n(1)));
        return this;
    }

    TransitionWrite remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    Transition transition() {
        return transition;
    }

    UpdateItemRequest.Builder toUpdate(String tableName) {
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(RequestItem.key(requestId))
                .updateExpression(updateExpression())
                .conditionExpression(condition())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
    }

    Update.Builder toTransactUpdate(String tableName) {
        return Update.builder()
                .tableName(tableName)
                .key(RequestItem.key(requestId))
                .updateExpression(updateExpression())
                .conditionExpression(condition())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
    }

    private String updateExpression() {
        StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
        if (!removes.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", removes));
        }
        return expression.toString();
    }

    /**
     * attribute_exists(requestId) AND the sources OR-ed. DynamoDB refuses redundant parentheses,
     * so a clause is parenthesised only where precedence needs it.
     */
    private String condition() {
        List<String> clauses = new ArrayList<>();
        int index = 0;
        boolean single = transition.sources().size() == 1;
        for (Transition.Source source : transition.sources()) {
            String status = name(RequestItem.STATUS) + " = " + value("from" + index++, s(source.status().name()));
            String guard = switch (source.guard()) {
                case NONE -> null;
                case LEASE_EXPIRED -> "(attribute_not_exists(" + name(RequestItem.LEASE_EXPIRES_AT) + ") OR "
                        + name(RequestItem.LEASE_EXPIRES_AT) + " < " + value("nowMs", n(now.toEpochMilli())) + ")";
                case SAME_ATTEMPT -> name(RequestItem.ATTEMPTS) + " = " + value("attempt", n(requireSet(expectedAttempt, "attempt")));
                case UNCHANGED -> name(RequestItem.VERSION) + " = " + value("version", n(requireSet(expectedVersion, "version")));
            };
            if (guard == null) {
                clauses.add(status);
            } else {
                clauses.add(single ? status + " AND " + guard : "(" + status + " AND " + guard + ")");
            }
        }
        String sources = single ? clauses.get(0) : "(" + String.join(" OR ", clauses) + ")";
        return "attribute_exists(" + name(RequestItem.REQUEST_ID) + ") AND " + sources;
    }

    private long requireSet(long expected, String what) {
        if (expected < 0) {
            throw new IllegalStateException(transition + " needs the expected " + what);
        }
        return expected;
    }

    private String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    private String value(String key, AttributeValue value) {
        String placeholder = ":" + key;
        values.put(placeholder, value);
        return placeholder;
    }
}
