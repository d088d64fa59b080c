package com.rushgate.redrive;

import java.util.Map;
import java.util.Set;

/**
 * The JSON object an operator invokes a function with, read strictly: an unknown field or a value of
 * the wrong type fails the invocation with a sentence that says so, before anything is done.
 */
final class OperatorInput {

    private final Map<String, Object> input;

    /** @param known the fields the function takes, in the order its error message lists them */
    OperatorInput(Map<String, Object> input, String... known) {
        this.input = input == null ? Map.of() : input;
        Set<String> fields = Set.of(known);
        for (String key : this.input.keySet()) {
            if (!fields.contains(key)) {
                throw new IllegalArgumentException("unknown input field '" + key + "'; expected "
                        + String.join(", ", known));
            }
        }
    }

    /** A string, or null when absent. */
    String text(String key) {
        Object value = input.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return (String) value;
    }

    /** true or false; false when absent. */
    boolean flag(String key) {
        Object value = input.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw new IllegalArgumentException(key + " must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    /** A whole number, or {@code absent} when the field is not there. */
    int integer(String key, int absent) {
        Object value = input.get(key);
        if (value == null) {
            return absent;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        throw new IllegalArgumentException(key + " must be a whole number");
    }
}
