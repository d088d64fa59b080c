package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The partition key value a Query asks for, from its KeyConditionExpression (or legacy KeyConditions). */
final class KeyConditions {

    private static final Pattern EQUALS = Pattern.compile("([#A-Za-z0-9_.]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

    private KeyConditions() {
    }

    /** The canonical partition key value, or null when the query does not say (then only the table counts). */
    static String partition(JsonNode query, String hashKey) {
        JsonNode legacy = query.path("KeyConditions").path(hashKey);
        if (legacy.isObject()) {
            JsonNode value = legacy.path("AttributeValueList").path(0);
            return value.isMissingNode() ? null : value.toString();
        }
        String expression = query.path("KeyConditionExpression").asText("");
        Matcher matcher = EQUALS.matcher(expression);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.startsWith("#")) {
                name = query.path("ExpressionAttributeNames").path(name).asText(name);
            }
            if (name.equals(hashKey)) {
                JsonNode value = query.path("ExpressionAttributeValues").path(matcher.group(2));
                return value.isMissingNode() ? null : value.toString();
            }
        }
        return null;
    }
}
