package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * DynamoDB's item size from an item in its JSON wire form ({@code {"name": {"S": "..."}}}), by the
 * rules of the developer guide: attribute names and strings count their UTF-8 bytes, binaries
 * their bytes, numbers about one byte per two significant digits plus one, booleans and nulls one
 * byte, lists and maps three bytes plus one per element. And the units an item of that size costs.
 */
final class ItemSize {

    private ItemSize() {
    }

    static int of(JsonNode item) {
        if (item == null || !item.isObject()) {
            return 0;
        }
        int bytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            bytes += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return bytes;
    }

    static int value(JsonNode typed) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            return 0;
        }
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        switch (only.getKey()) {
            case "S":
                return utf8(v.asText());
            case "N":
                return number(v.asText());
            case "B":
                return binary(v.asText());
            case "BOOL":
            case "NULL":
                return 1;
            case "SS": {
                int sum = 0;
                for (JsonNode s : v) {
                    sum += utf8(s.asText());
                }
                return sum;
            }
            case "NS": {
                int sum = 0;
                for (JsonNode n : v) {
                    sum += number(n.asText());
                }
                return sum;
            }
            case "BS": {
                int sum = 0;
                for (JsonNode b : v) {
                    sum += binary(b.asText());
                }
                return sum;
            }
            case "L": {
                int sum = 3;
                for (JsonNode element : v) {
                    sum += 1 + value(element);
                }
                return sum;
            }
            case "M": {
                int sum = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    sum += 1 + utf8(entry.getKey()) + value(entry.getValue());
                }
                return sum;
            }
            default:
                return 0;
        }
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int binary(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }

    private static int number(String text) {
        try {
            String digits = new BigDecimal(text).stripTrailingZeros().unscaledValue().abs().toString();
            return (digits.length() + 1) / 2 + 1;
        } catch (NumberFormatException e) {
            return text.length();
        }
    }

    /** Write units of one standard write of an item this size: 1 per started KB, at least 1. */
    static double writeUnits(int bytes) {
        return Math.max(1, (bytes + AwsLimits.WRITE_UNIT_BYTES - 1) / AwsLimits.WRITE_UNIT_BYTES);
    }

    /** Read units of reading this many bytes: 1 per started 4 KB, at least 1; half when eventually consistent. */
    static double readUnits(int bytes, boolean consistent) {
        double units = Math.max(1, (bytes + AwsLimits.READ_UNIT_BYTES - 1) / AwsLimits.READ_UNIT_BYTES);
        return consistent ? units : units / 2;
    }
}
