package com.rushgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.lambda.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * An admin route's JSON body, read strictly: not an object, an unknown field or a value of the wrong
 * type is a 400 INVALID_BODY saying which, before anything is done. No body reads as {@code {}}.
 */
final class AdminBody {

    private final JsonNode body;

    /** @param known the fields the route takes, in the order its error message lists them */
    AdminBody(String text, String... known) {
        this.body = parse(text);
        Set<String> fields = Set.of(known);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw invalid("unknown field '" + name + "'; expected " + String.join(", ", known));
            }
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    /** A string, or null when absent. */
    String text(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name + " must be a string");
        }
        return value.textValue();
    }

    /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}), or null when absent. */
    Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
    }

    /** A whole number that fits an int, or {@code absent} when the field is not there. */
    int integer(String name, int absent) {
        JsonNode value = present(name);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(name + " must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** A whole number that must be there. */
    int requiredInteger(String name) {
        if (present(name) == null) {
            throw invalid(name + " is required");
        }
        return integer(name, 0);
    }

    /** true or false; false when absent. */
    boolean flag(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(name + " must be true or false");
        }
        return value.booleanValue();
    }

    /** The field's value, or null when absent or JSON null. */
    private JsonNode present(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    static ClientException invalid(String message) {
        return new ClientException(ErrorCode.INVALID_BODY, message);
    }
}
