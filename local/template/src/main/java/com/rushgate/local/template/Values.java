package com.rushgate.local.template;

import java.util.List;
import java.util.Map;

/**
 * How the readers take values out of resolved template properties: YAML gives numbers as
 * Integer or Double and CloudFormation parameters give them as strings, so every reader reads
 * them the same way here.
 */
final class Values {

    private Values() {
    }

    /** The resource's Properties with every intrinsic function resolved. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> resolvedProperties(Template template, Intrinsics intrinsics, String logicalId) {
        return (Map<String, Object>) intrinsics.resolve(template.properties(logicalId));
    }

    /** The value as text, a whole Double without its ".0"; {@code fallback} when absent. */
    static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    static int integer(Object value, int fallback) {
        return value == null ? fallback : (int) number(value);
    }

    /** A number, or a string holding one; 0 when absent. */
    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value == null ? 0 : Double.parseDouble(String.valueOf(value));
    }

    /** The value if it is a list, else an empty one. */
    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** Whether a switch that defaults to on (Enabled) is still on: only an explicit false turns it off. */
    static boolean notFalse(Object value) {
        return !"false".equals(String.valueOf(value));
    }
}
