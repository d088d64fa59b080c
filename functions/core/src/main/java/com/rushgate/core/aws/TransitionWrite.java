package com.rushgate.core.aws;

import static com.rushgate.core.aws.RequestItem.n;
import static com.rushgate.core.aws.RequestItem.s;

import com.rushgate.core.domain.Effect;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one conditional UpdateItem that performs a {@link Transition}: the condition comes from
 * {@link Transition#sources()} and the update expression from {@link Transition#effect()}, each
 * field stored where {@link RequestItem} says. Nothing in either is written by hand.
 *
 * <p>Value placeholders are named after their attribute ({@code :status}, {@code :leaseExpiresAt});
 * the local stack's fault injector recognises a claim by them.
 */
final class TransitionWrite {

    private final Transition transition;
    private final RequestId requestId;
    private final TransitionInputs inputs;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();

    private TransitionWrite(Transition transition, RequestId requestId, TransitionInputs inputs) {
        this.transition = transition;
        this.requestId = requestId;
        this.inputs = inputs;
        Effect effect = transition.effect();
        for (Effect.Change change : effect.changes()) {
            switch (change.op()) {
                case SET, SET_IF_GIVEN -> {
                    Object value = effect.value(change, inputs);
                    if (value != null) {
                        RequestItem.encode(change.field(), value, requestId, null, transition.target(), 0)
                                .forEach((attribute, encoded) -> sets.add(name(attribute) + " = " + value(attribute, encoded)));
                    }
                }
                case REMOVE -> RequestItem.attributesOf(change.field()).forEach(attribute -> removes.add(name(attribute)));
                case INCREMENT -> {
                    String attribute = name(RequestItem.attributesOf(change.field()).get(0));
                    sets.add(attribute + " = if_not_exists(" + attribute + ", " + value("zero", n(0)) + ") + "
                            + value("one", n(1)));
                }
            }
        }
    }

    /**
     * @param inputs what the effect writes and the guards compare with
     * @throws IllegalStateException when the effect needs an input that {@code inputs} lacks
     */
    static TransitionWrite of(Transition transition, RequestId requestId, TransitionInputs inputs) {
        return new TransitionWrite(transition, requestId, inputs);
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
                        + name(RequestItem.LEASE_EXPIRES_AT) + " < " + value("nowMs", n(inputs.now().toEpochMilli())) + ")";
                case SAME_ATTEMPT -> name(RequestItem.ATTEMPTS) + " = "
                        + value("attempt", n(requireSet(inputs.expectedAttempt(), "attempt")));
                case UNCHANGED -> name(RequestItem.VERSION) + " = "
                        + value("expectedVersion", n(requireSet(inputs.expectedVersion(), "version")));
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

    /** A placeholder holds one value: a second, different one would silently replace the first. */
    private String value(String key, AttributeValue value) {
        String placeholder = ":" + key;
        AttributeValue previous = values.putIfAbsent(placeholder, value);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException(transition + " gives " + placeholder + " two values");
        }
        return placeholder;
    }
}
