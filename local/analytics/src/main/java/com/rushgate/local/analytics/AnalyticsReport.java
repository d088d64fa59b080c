package com.rushgate.local.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The answers for people (aligned tables) and for programs (one JSON object). */
public final class AnalyticsReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Answer> answers;
    private final String lake;
    private final String eventId;

    /**
     * @param eventId the event the answers were narrowed to, or null for every event
     */
    public AnalyticsReport(List<Answer> answers, String lake, String eventId) {
        this.answers = List.copyOf(answers);
        this.lake = lake;
        this.eventId = eventId;
    }

    public List<Answer> answers() {
        return answers;
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nAnalytics (DuckDB over %s)%s%n", lake, eventId == null ? "" : ", event " + eventId));
        for (Answer answer : answers) {
            text.append(String.format("%n%s: %s%n", answer.question(), answer.description()));
            if (answer.rows().isEmpty()) {
                text.append("  (no rows)\n");
                continue;
            }
            table(text, answer);
        }
        return text.toString();
    }

    private static void table(StringBuilder text, Answer answer) {
        List<String> columns = answer.columns();
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
        }
        for (List<Object> row : answer.rows()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String cell = format(columns.get(i), row.get(i));
                widths[i] = Math.max(widths[i], cell.length());
                line.add(cell);
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder(" ");
        for (int i = 0; i < columns.size(); i++) {
            header.append(' ').append(pad(columns.get(i), widths[i], numeric(answer, i)));
        }
        text.append(header.toString().stripTrailing()).append('\n');
        for (List<String> line : cells) {
            StringBuilder out = new StringBuilder(" ");
            for (int i = 0; i < columns.size(); i++) {
                out.append(' ').append(pad(line.get(i), widths[i], numeric(answer, i)));
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
    }

    private static boolean numeric(Answer answer, int column) {
        return answer.rows().stream().anyMatch(row -> row.get(column) instanceof Number);
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(width - text.length());
        return right ? padding + text : text + padding;
    }

    /** Ratios with four decimals, other fractions with one; null as a dash. */
    public static String format(String column, Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, isRatio(column) ? "%.4f" : "%.1f", d);
        }
        return String.valueOf(value);
    }

    static boolean isRatio(String column) {
        return column.endsWith("_ratio") || column.endsWith("_rate");
    }

    /** {"lake": ..., "event": ..., "answers": {"question": [row, ...], ...}}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("lake", lake);
        root.put("event", eventId);
        ObjectNode all = root.putObject("answers");
        for (Answer answer : answers) {
            ArrayNode rows = all.putArray(answer.question());
            for (Map<String, Object> row : answer.asMaps()) {
                rows.add(JSON.valueToTree(row));
            }
        }
        return root;
    }
}
