package com.rushgate.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's parameters with their values: an override if given (like
 * {@code sam deploy --parameter-overrides}), else the default. Checked like CloudFormation checks
 * them: AllowedValues, MinValue/MaxValue, AllowedPattern.
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    public static Map<String, String> of(Template template, Map<String, String> overrides) {
        Map<String, Object> declared = template.section("Parameters");
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("template has no parameter " + name);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach((name, spec) -> {
            Map<String, Object> parameter = Template.map(spec);
            String value = overrides.containsKey(name) ? overrides.get(name) : text(parameter.get("Default"));
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no default; give it with --parameter " + name + "=VALUE");
            }
            check(name, parameter, value);
            values.put(name, value);
        });
        return values;
    }

    private static void check(String name, Map<String, Object> parameter, String value) {
        if (parameter.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(ParameterValues::text).noneMatch(value::equals)) {
            throw new IllegalArgumentException("parameter " + name + " must be one of " + allowed + ", got " + value);
        }
        if ("Number".equals(parameter.get("Type"))) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter " + name + " must be a number, got " + value);
            }
            if (parameter.get("MinValue") instanceof Number min && number < min.doubleValue()) {
                throw new IllegalArgumentException("parameter " + name + " must be at least " + text(min));
            }
            if (parameter.get("MaxValue") instanceof Number max && number > max.doubleValue()) {
                throw new IllegalArgumentException("parameter " + name + " must be at most " + text(max));
            }
        }
        if (parameter.get("AllowedPattern") instanceof String pattern && !value.matches(pattern)) {
            throw new IllegalArgumentException("parameter " + name + " must match " + pattern);
        }
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
