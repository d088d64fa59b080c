package com.rushgate.local.pipes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EventBridge event pattern, the language of a pipe's {@code FilterCriteria}: the local pipe
 * reads it from the template and keeps exactly the events it matches.
 *
 * <p>What is supported: nested objects (every field of the pattern must match), leaf arrays of
 * allowed values (strings, numbers compared numerically, booleans, null; any one may match), and
 * the operators {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but}
 * (a value, a list of values, or a prefix), {@code exists} and {@code numeric}. An event field that
 * holds an array matches when any of its elements does. Anything else ({@code $or},
 * {@code wildcard}, {@code cidr}...) is refused when the pattern is read, so a filter the local
 * stack cannot honour stops it at start instead of letting the wrong records through.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "exists", "numeric");
    private static final Set<String> COMPARISONS = Set.of("=", "<", "<=", ">", ">=");

    private final ObjectNode pattern;

    private EventPattern(ObjectNode pattern) {
        this.pattern = pattern;
    }

    /**
     * Reads a pattern.
     *
     * @throws IllegalArgumentException if it is not a JSON object, a leaf is not an array, or it
     *                                  uses an operator this class does not implement
     */
    public static EventPattern parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event pattern is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("an event pattern is a non-empty JSON object, not " + json);
        }
        validateObject((ObjectNode) node, "");
        return new EventPattern((ObjectNode) node);
    }

    /** Whether the event (a JSON object) matches this pattern. */
    public boolean matches(JsonNode event) {
        return matchesObject(pattern, event);
    }

    @Override
    public String toString() {
        return pattern.toString();
    }

    private static void validateObject(ObjectNode node, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().startsWith("$")) {
                throw new IllegalArgumentException("event pattern: " + field.getKey() + " at " + where
                        + " is not supported by the local stack");
            }
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("event pattern: empty object at " + where);
                }
                validateObject((ObjectNode) value, where);
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("event pattern: empty list at " + where);
                }
                for (JsonNode matcher : value) {
                    validateMatcher(matcher, where);
                }
            } else {
                throw new IllegalArgumentException("event pattern: the value at " + where
                        + " must be a list of allowed values or an object, not " + value);
            }
        }
    }

    private static void validateMatcher(JsonNode matcher, String where) {
        if (matcher.isValueNode()) {
            return;
        }
        if (!matcher.isObject() || matcher.size() != 1) {
            throw new IllegalArgumentException("event pattern: " + matcher + " at " + where
                    + " is neither a value nor a single operator");
        }
        String operator = matcher.fieldNames().next();
        JsonNode argument = matcher.get(operator);
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("event pattern: operator " + operator + " at " + where
                    + " is not supported by the local stack (supported: " + OPERATORS + ")");
        }
        switch (operator) {
            case "prefix", "suffix", "equals-ignore-case" -> requireText(argument, operator, where);
            case "exists" -> {
                if (!argument.isBoolean()) {
                    throw new IllegalArgumentException("event pattern: exists takes true or false at " + where);
                }
            }
            case "anything-but" -> {
                if (argument.isObject()) {
                    if (argument.size() != 1 || !argument.has("prefix")) {
                        throw new IllegalArgumentException("event pattern: anything-but takes a value, a list of values"
                                + " or a prefix at " + where);
                    }
                    requireText(argument.get("prefix"), "anything-but prefix", where);
                } else if (argument.isArray()) {
                    for (JsonNode value : argument) {
                        if (!value.isValueNode()) {
                            throw new IllegalArgumentException("event pattern: anything-but lists values only at " + where);
                        }
                    }
                } else if (!argument.isValueNode()) {
                    throw new IllegalArgumentException("event pattern: bad anything-but at " + where);
                }
            }
            default -> numericBounds(argument, where);
        }
    }

    private static void requireText(JsonNode argument, String operator, String where) {
        if (!argument.isTextual()) {
            throw new IllegalArgumentException("event pattern: " + operator + " takes a string at " + where);
        }
    }

    /** The numeric operator's [op, number, op, number] list, as pairs. */
    private static List<Object[]> numericBounds(JsonNode argument, String where) {
        if (!argument.isArray() || argument.isEmpty() || argument.size() % 2 != 0) {
            throw new IllegalArgumentException("event pattern: numeric takes [operator, number, ...] at " + where);
        }
        List<Object[]> bounds = new ArrayList<>();
        for (int i = 0; i < argument.size(); i += 2) {
            JsonNode operator = argument.get(i);
            JsonNode bound = argument.get(i + 1);
            if (!operator.isTextual() || !COMPARISONS.contains(operator.asText()) || !bound.isNumber()) {
                throw new IllegalArgumentException("event pattern: numeric takes [operator, number, ...] at " + where);
            }
            bounds.add(new Object[]{operator.asText(), bound.decimalValue()});
        }
        return bounds;
    }

    /** {@code event} may be null (absent) or not an object: then every field of the pattern is absent. */
    private static boolean matchesObject(ObjectNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = event != null && event.isObject() ? event.get(field.getKey()) : null;
            boolean matched = field.getValue().isObject()
                    ? matchesObject((ObjectNode) field.getValue(), value)
                    : matchesAny((ArrayNode) field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} is null when the event has no such field. */
    private static boolean matchesAny(ArrayNode matchers, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(candidates::add);
        } else if (value != null) {
            candidates.add(value);
        }
        for (JsonNode matcher : matchers) {
            if (matcher.isObject() && matcher.has("exists")) {
                if (matcher.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            for (JsonNode candidate : candidates) {
                if (matchesOne(matcher, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode matcher, JsonNode candidate) {
        if (matcher.isValueNode()) {
            return equal(matcher, candidate);
        }
        String operator = matcher.fieldNames().next();
        JsonNode argument = matcher.get(operator);
        return switch (operator) {
            case "prefix" -> candidate.isTextual() && candidate.asText().startsWith(argument.asText());
            case "suffix" -> candidate.isTextual() && candidate.asText().endsWith(argument.asText());
            case "equals-ignore-case" -> candidate.isTextual() && candidate.asText().equalsIgnoreCase(argument.asText());
            case "anything-but" -> anythingBut(argument, candidate);
            case "numeric" -> candidate.isNumber() && numeric(argument, candidate.decimalValue());
            default -> throw new IllegalStateException("unvalidated operator " + operator);
        };
    }

    private static boolean anythingBut(JsonNode argument, JsonNode candidate) {
        if (argument.isObject()) {
            return candidate.isTextual() && !candidate.asText().startsWith(argument.get("prefix").asText());
        }
        if (argument.isArray()) {
            for (JsonNode excluded : argument) {
                if (equal(excluded, candidate)) {
                    return false;
                }
            }
            return true;
        }
        return !equal(argument, candidate);
    }

    private static boolean numeric(JsonNode argument, BigDecimal value) {
        for (Object[] bound : numericBounds(argument, "")) {
            int comparison = value.compareTo((BigDecimal) bound[1]);
            boolean holds = switch ((String) bound[0]) {
                case "=" -> comparison == 0;
                case "<" -> comparison < 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                default -> comparison >= 0;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode expected, JsonNode candidate) {
        if (expected.isNumber()) {
            return candidate.isNumber() && expected.decimalValue().compareTo(candidate.decimalValue()) == 0;
        }
        if (expected.isNull()) {
            return candidate.isNull();
        }
        return expected.getNodeType() == candidate.getNodeType() && expected.asText().equals(candidate.asText());
    }
}
