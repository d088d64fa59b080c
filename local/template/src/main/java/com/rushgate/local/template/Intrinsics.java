package com.rushgate.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions against a {@link ResolutionContext}. Covers what
 * templates like ours use: Ref, GetAtt, Sub, Join, Select, Split, If, Equals, Not, And, Or,
 * Condition, FindInMap, Base64, and dynamic references. Anything else is reported by name.
 */
public final class Intrinsics {

    /** Marks a value removed by {@code Ref: AWS::NoValue}. */
    public static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([^}]*)}}");

    private final ResolutionContext context;
    private final Map<String, Object> mappings;

    public Intrinsics(ResolutionContext context, Map<String, Object> mappings) {
        this.context = Objects.requireNonNull(context, "context");
        this.mappings = mappings == null ? Map.of() : mappings;
    }

    public Object resolve(Object value) {
        if (value instanceof String text) {
            return dynamicReferences(text);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, map.values().iterator().next());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object r = resolve(entry.getValue());
                if (r != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), r);
                }
            }
            return resolved;
        }
        return value;
    }

    /** Resolves and renders as text, the form environment variables take. */
    public String resolveToString(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(resolved);
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> {
                Object target = resolve(argument);
                yield "AWS::NoValue".equals(target) ? NO_VALUE : context.ref(String.valueOf(target));
            }
            case "Condition" -> context.condition(String.valueOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::If" -> ifThen(argument);
            case "Fn::Equals" -> {
                List<?> args = list(name, argument, 2);
                yield String.valueOf(scalar(resolve(args.get(0)))).equals(String.valueOf(scalar(resolve(args.get(1)))));
            }
            case "Fn::Not" -> !truth(resolve(list(name, argument, 1).get(0)));
            case "Fn::And" -> list(name, argument, -1).stream().allMatch(arg -> truth(resolve(arg)));
            case "Fn::Or" -> list(name, argument, -1).stream().anyMatch(arg -> truth(resolve(arg)));
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    String.valueOf(resolve(argument)).getBytes(StandardCharsets.UTF_8));
            default -> throw new UnsupportedIntrinsicException(name);
        };
    }

    private Object getAtt(Object argument) {
        Object resolved = resolve(argument);
        if (resolved instanceof List<?> parts && parts.size() == 2) {
            return context.getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        String text = String.valueOf(resolved);
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Fn::GetAtt needs [Resource, Attribute], got " + text);
        }
        return context.getAtt(text.substring(0, dot), text.substring(dot + 1));
    }

    private String sub(Object argument) {
        String template;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> args) {
            template = String.valueOf(args.get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> given = (Map<String, Object>) resolve(args.get(1));
            variables = given;
        } else {
            template = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = String.valueOf(scalar(variables.get(expression)));
            } else if (expression.contains(".") && !expression.startsWith("AWS::")) {
                int dot = expression.indexOf('.');
                replacement = String.valueOf(context.getAtt(expression.substring(0, dot), expression.substring(dot + 1)));
            } else {
                replacement = String.valueOf(scalar(context.ref(expression)));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return dynamicReferences(out.toString());
    }

    private String join(Object argument) {
        List<?> args = list("Fn::Join", argument, 2);
        Object items = resolve(args.get(1));
        List<String> parts = new ArrayList<>();
        for (Object item : (List<?>) items) {
            parts.add(String.valueOf(scalar(item)));
        }
        return String.join(String.valueOf(args.get(0)), parts);
    }

    private Object select(Object argument) {
        List<?> args = list("Fn::Select", argument, 2);
        int index = Integer.parseInt(String.valueOf(scalar(resolve(args.get(0)))));
        return ((List<?>) resolve(args.get(1))).get(index);
    }

    private List<String> split(Object argument) {
        List<?> args = list("Fn::Split", argument, 2);
        String delimiter = String.valueOf(args.get(0));
        return List.of(String.valueOf(resolve(args.get(1))).split(Pattern.quote(delimiter), -1));
    }

    private Object ifThen(Object argument) {
        List<?> args = list("Fn::If", argument, 3);
        return context.condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
    }

    private Object findInMap(Object argument) {
        List<?> args = list("Fn::FindInMap", argument, 3);
        Object map = mappings.get(String.valueOf(resolve(args.get(0))));
        if (map instanceof Map<?, ?> top && top.get(String.valueOf(resolve(args.get(1)))) instanceof Map<?, ?> second) {
            Object value = second.get(String.valueOf(resolve(args.get(2))));
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("Fn::FindInMap found nothing for " + args);
    }

    private String dynamicReferences(String text) {
        if (!text.contains("{{resolve:")) {
            return text;
        }
        Matcher matcher = DYNAMIC_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(context.dynamicReference(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static List<?> list(String function, Object argument, int size) {
        if (!(argument instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new IllegalArgumentException(function + " expects a list" + (size >= 0 ? " of " + size : "")
                    + ", got " + argument);
        }
        return list;
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static Object scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        return value;
    }

    /** A function the local stack does not evaluate. */
    public static final class UnsupportedIntrinsicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedIntrinsicException(String function) {
            super("the local stack does not evaluate " + function);
        }
    }
}
