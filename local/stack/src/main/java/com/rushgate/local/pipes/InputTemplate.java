package com.rushgate.local.pipes;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An EventBridge Pipes {@code InputTemplate}: text with {@code <$.json.path>} placeholders and
 * reserved variables such as {@code <aws.pipes.pipe-name>}, rendered once per event.
 *
 * <p>How a value is written depends on where its placeholder stands, as Pipes documents it:
 * <ul>
 *   <li>outside a JSON string ({@code "n": <$.a.N>}) a string value is written as it is, without
 *       quotes: that is how a DynamoDB number ({@code {"N": "42"}}) becomes the JSON number 42;
 *       objects and arrays are written as JSON;</li>
 *   <li>inside a JSON string ({@code "id": "rq-<$.a.S>"}) the value's text is written with JSON
 *       string escaping, so the record stays valid JSON whatever the value holds.</li>
 * </ul>
 * A path that matches nothing, or a JSON null, is written as {@code null} where the placeholder
 * is a whole value ({@code <$.x>} or {@code "<$.x>"}), and as nothing inside a longer string.
 * Paths use dot notation and array indices ({@code $.a.b[0].c}); wildcards are not supported and
 * are refused when the template is read.
 */
public final class InputTemplate {

    /** Reserved variables Pipes defines; their values are given to {@link #render}. */
    public static final Set<String> RESERVED = Set.of("aws.pipes.pipe-arn", "aws.pipes.pipe-name",
            "aws.pipes.source-arn", "aws.pipes.enrichment-arn", "aws.pipes.target-arn",
            "aws.pipes.event.ingestion-time", "aws.pipes.event", "aws.pipes.event.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_\\-/@:]+");

    private sealed interface Part permits Text, Placeholder {
    }

    private record Text(String text) implements Part {
    }

    /**
     * @param inString  the placeholder stands inside a JSON string literal
     * @param wholeValue the placeholder is the whole value: {@code <...>} outside a string, or the
     *                   only content of {@code "<...>"} (then the quotes are part of this placeholder)
     */
    private record Placeholder(String expression, List<Object> path, boolean inString, boolean wholeValue)
            implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private InputTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Reads a template.
     *
     * @throws IllegalArgumentException for a placeholder this class cannot evaluate
     */
    public static InputTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (inString && c == '\\' && i + 1 < template.length()) {
                text.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                if (!inString) {
                    int end = placeholderEnd(template, i + 1);
                    if (end > 0 && end + 1 < template.length() && template.charAt(end + 1) == '"') {
                        flush(text, parts);
                        parts.add(placeholder(template.substring(i + 2, end), true, true));
                        i = end + 2;
                        continue;
                    }
                }
                inString = !inString;
                text.append(c);
                i++;
                continue;
            }
            if (c == '<') {
                int end = placeholderEnd(template, i);
                if (end > 0) {
                    flush(text, parts);
                    parts.add(placeholder(template.substring(i + 1, end), inString, !inString));
                    i = end + 1;
                    continue;
                }
            }
            text.append(c);
            i++;
        }
        flush(text, parts);
        return new InputTemplate(template, List.copyOf(parts));
    }

    /** Where the placeholder starting with '<' at {@code start} ends ('>'), or -1 if none starts there. */
    private static int placeholderEnd(String template, int start) {
        if (start >= template.length() || template.charAt(start) != '<') {
            return -1;
        }
        int end = template.indexOf('>', start);
        if (end < 0) {
            return -1;
        }
        String inside = template.substring(start + 1, end);
        return inside.startsWith("$") || inside.startsWith("aws.pipes.") ? end : -1;
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    private static Placeholder placeholder(String expression, boolean inString, boolean wholeValue) {
        if (expression.startsWith("aws.pipes.")) {
            if (!RESERVED.contains(expression)) {
                throw new IllegalArgumentException("input template: unknown reserved variable <" + expression + ">");
            }
            return new Placeholder(expression, null, inString, wholeValue);
        }
        return new Placeholder(expression, path(expression), inString, wholeValue);
    }

    /** {@code $.a.b[2].c} as ["a", "b", 2, "c"]. */
    private static List<Object> path(String expression) {
        List<Object> path = new ArrayList<>();
        int i = 1;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < expression.length() && expression.charAt(end) != '.' && expression.charAt(end) != '[') {
                    end++;
                }
                String name = expression.substring(i + 1, end);
                if (!PATH_SEGMENT.matcher(name).matches()) {
                    throw new IllegalArgumentException("input template: cannot evaluate <" + expression
                            + "> (dot notation and array indices only)");
                }
                path.add(name);
                i = end;
            } else if (c == '[') {
                int end = expression.indexOf(']', i);
                if (end < 0 || !expression.substring(i + 1, end).matches("\\d+")) {
                    throw new IllegalArgumentException("input template: cannot evaluate <" + expression
                            + "> (dot notation and array indices only)");
                }
                path.add(Integer.parseInt(expression.substring(i + 1, end)));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("input template: cannot evaluate <" + expression + ">");
            }
        }
        return path;
    }

    /** Whether the template describes JSON (an object or an array), so each rendering must be JSON. */
    public boolean isJson() {
        String trimmed = source.strip();
        return trimmed.startsWith("{") || trimmed.startsWith("[");
    }

    /**
     * Renders the template for one event.
     *
     * @param reserved values of the reserved variables other than the event itself
     */
    public String render(JsonNode event, Map<String, String> reserved) {
        StringBuilder out = new StringBuilder(source.length() + 256);
        for (Part part : parts) {
            if (part instanceof Text text) {
                out.append(text.text());
            } else {
                Placeholder placeholder = (Placeholder) part;
                write(out, placeholder, value(placeholder, event, reserved));
            }
        }
        return out.toString();
    }

    private static JsonNode value(Placeholder placeholder, JsonNode event, Map<String, String> reserved) {
        if (placeholder.path() == null) {
            if (placeholder.expression().equals("aws.pipes.event") || placeholder.expression().equals("aws.pipes.event.json")) {
                return event;
            }
            String value = reserved.get(placeholder.expression());
            return value == null ? null : JSON.getNodeFactory().textNode(value);
        }
        JsonNode node = event;
        for (Object step : placeholder.path()) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null) : node.get((String) step);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    private static void write(StringBuilder out, Placeholder placeholder, JsonNode value) {
        boolean absent = value == null || value.isNull();
        if (placeholder.inString() && placeholder.wholeValue()) {
            if (absent) {
                out.append("null");
            } else {
                out.append('"').append(escape(text(value))).append('"');
            }
        } else if (placeholder.inString()) {
            if (!absent) {
                out.append(escape(text(value)));
            }
        } else if (absent) {
            out.append("null");
        } else {
            out.append(text(value));
        }
    }

    /** A string's own text; anything else as JSON. */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        try {
            return value.isContainerNode() ? JSON.writeValueAsString(value) : value.asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    @Override
    public String toString() {
        return source;
    }
}
