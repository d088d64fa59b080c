package com.rushgate.local.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The answers as one self-contained HTML page: per event, the key figures, a latency histogram
 * and the outcome split as inline SVG, then every answer as a table. No script, no stylesheet or
 * font from elsewhere: the file opens anywhere, offline.
 */
public final class AnalyticsPage {

    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 220;
    private static final String SUCCEEDED = "#2e7d32";
    private static final String REJECTED = "#f9a825";
    private static final String FAILED = "#c62828";

    private AnalyticsPage() {
    }

    public static String render(List<Answer> answers, String lake, String eventId, Instant generatedAt) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rushgate analytics").append(eventId == null ? "" : " - " + escape(eventId)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<header><h1>Rushgate analytics</h1><p>DuckDB over <code>").append(escape(lake))
                .append("</code> &middot; ").append(escape(generatedAt.toString())).append("</p></header>\n");
        Set<String> events = events(answers);
        if (events.isEmpty()) {
            html.append("<p class=\"empty\">The lake holds no final results yet.</p>\n");
        }
        for (String event : events) {
            event(html, answers, event);
        }
        html.append("<section class=\"answers\"><h2>Every answer</h2>\n");
        for (Answer answer : answers) {
            table(html, answer);
        }
        html.append("</section>\n</body>\n</html>\n");
        return html.toString();
    }

    private static Set<String> events(List<Answer> answers) {
        Set<String> events = new LinkedHashSet<>();
        for (Answer answer : answers) {
            int column = answer.columns().indexOf("event_id");
            if (column >= 0) {
                answer.rows().forEach(row -> events.add(String.valueOf(row.get(column))));
            }
        }
        return events;
    }

    private static Optional<Answer> answer(List<Answer> answers, String question, String event) {
        return answers.stream().filter(a -> a.question().equals(question)).findFirst().map(a -> a.forEvent(event));
    }

    private static void event(StringBuilder html, List<Answer> answers, String event) {
        Optional<Answer> latency = answer(answers, "latency_by_event", event);
        Optional<Answer> outcomes = answer(answers, "outcomes", event);
        Optional<Answer> dlq = answer(answers, "dlq_rate", event);
        Optional<Answer> sellOut = answer(answers, "sell_out", event);
        String type = latency.flatMap(a -> a.first("event_type")).map(String::valueOf).orElse("");
        html.append("<section class=\"event\">\n<h2>").append(escape(event)).append(" <span class=\"type\">")
                .append(escape(type)).append("</span></h2>\n<div class=\"figures\">\n");
        figure(html, "Requests", outcomes.flatMap(a -> a.first("requests")).map(String::valueOf).orElse("-"), "final, each once");
        figure(html, "Succeeded", outcomes.flatMap(a -> a.firstNumber("success_ratio")).map(AnalyticsPage::percent).orElse("-"),
                outcomes.flatMap(a -> a.first("succeeded")).map(v -> v + " requests").orElse(""));
        figure(html, "p95 latency", latency.flatMap(a -> a.firstNumber("p95_latency_ms")).map(AnalyticsPage::duration).orElse("-"),
                "p50 " + latency.flatMap(a -> a.firstNumber("p50_latency_ms")).map(AnalyticsPage::duration).orElse("-")
                        + " · p99 " + latency.flatMap(a -> a.firstNumber("p99_latency_ms")).map(AnalyticsPage::duration).orElse("-"));
        figure(html, "DLQ rate", dlq.flatMap(a -> a.firstNumber("dlq_rate")).map(AnalyticsPage::percent).orElse("-"),
                dlq.flatMap(a -> a.first("redrives")).map(v -> v + " redrives").orElse(""));
        sellOut.flatMap(a -> a.firstNumber("seconds_to_sell_out")).ifPresent(seconds ->
                figure(html, "Sold out in", duration(seconds * 1000), sellOut.flatMap(a -> a.first("units_won"))
                        .map(v -> v + " units").orElse("")));
        html.append("</div>\n<div class=\"charts\">\n");
        answer(answers, "latency_histogram", event).ifPresent(histogram -> histogram(html, histogram, latency));
        outcomes.ifPresent(split -> outcomeSplit(html, split));
        html.append("</div>\n</section>\n");
    }

    private static void figure(StringBuilder html, String label, String value, String note) {
        html.append("<div class=\"figure\"><div class=\"label\">").append(escape(label)).append("</div><div class=\"value\">")
                .append(escape(value)).append("</div><div class=\"note\">").append(escape(note)).append("</div></div>\n");
    }

    /** Bars per latency bucket; the buckets holding p50, p95 and p99 are labelled. */
    private static void histogram(StringBuilder html, Answer histogram, Optional<Answer> latency) {
        List<long[]> rows = buckets(histogram);
        html.append("<figure><figcaption>Latency, accepted to final: requests per bucket</figcaption>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">No timed requests.</p></figure>\n");
            return;
        }
        long max = rows.stream().mapToLong(r -> r[1]).max().orElse(1);
        int left = 44;
        int bottom = 42;
        int plotHeight = CHART_HEIGHT - bottom - 16;
        double slot = (double) (CHART_WIDTH - left - 8) / rows.size();
        List<String[]> marks = new ArrayList<>();
        for (String p : List.of("p50", "p95", "p99")) {
            latency.flatMap(a -> a.firstNumber(p + "_latency_ms"))
                    .ifPresent(value -> marks.add(new String[]{p, Long.toString(bucket(value))}));
        }
        html.append("<svg viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"latency histogram\">\n");
        for (int i = 0; i <= 4; i++) {
            double y = 16 + plotHeight - plotHeight * i / 4.0;
            html.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                            + "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
                    left, CHART_WIDTH - 8, y, y, left - 6, y + 4, Math.round(max * i / 4.0)));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(rows.size() / 12.0));
        for (int i = 0; i < rows.size(); i++) {
            long upper = rows.get(i)[0];
            long count = rows.get(i)[1];
            double height = plotHeight * (double) count / max;
            double x = left + i * slot + slot * 0.1;
            double y = 16 + plotHeight - height;
            html.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                    + "<title>up to %s: %d requests</title></rect>%n", x, y, slot * 0.8, height, duration(upper), count));
            StringBuilder label = new StringBuilder();
            for (String[] mark : marks) {
                if (mark[1].equals(Long.toString(upper))) {
                    label.append(label.isEmpty() ? "" : " ").append(mark[0]);
                }
            }
            if (!label.isEmpty()) {
                html.append(String.format(Locale.ROOT, "<text class=\"mark\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                        x + slot * 0.4, Math.max(12, y - 4), label));
            }
            if (i % labelEvery == 0) {
                html.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        x + slot * 0.4, CHART_HEIGHT - bottom + 16, escape(duration(upper))));
            }
        }
        html.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "upper bound of the bucket (each bucket is sqrt 2 wider than the last)</text>%n", CHART_WIDTH / 2, CHART_HEIGHT - 6));
        html.append("</svg></figure>\n");
    }

    /**
     * The histogram's rows as {upper_ms, requests}, with the buckets the query leaves out (no
     * request in them) put back as zeros, so that the x axis grows by the same factor everywhere.
     */
    static List<long[]> buckets(Answer histogram) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : histogram.asMaps()) {
            counts.merge(((Number) row.get("upper_ms")).longValue(), ((Number) row.get("requests")).longValue(), Long::sum);
        }
        List<long[]> rows = new ArrayList<>();
        if (counts.isEmpty()) {
            return rows;
        }
        long first = halfPowerOfTwo(counts.firstKey());
        long last = halfPowerOfTwo(counts.lastKey());
        for (long step = first; step <= last; step++) {
            long upper = Math.round(Math.pow(2, step / 2.0));
            rows.add(new long[]{upper, counts.getOrDefault(upper, 0L)});
        }
        return rows;
    }

    /** k such that round(2^(k/2)) is the bucket bound. */
    private static long halfPowerOfTwo(long upper) {
        return Math.round(2 * Math.log(upper) / Math.log(2));
    }

    /** The latency bucket a value falls in, as latency_histogram.sql computes it. */
    static long bucket(double latencyMs) {
        double value = Math.max(Math.ceil(latencyMs), 1);
        double log = Math.log(value) / Math.log(2);
        return Math.round(Math.pow(2, Math.ceil(log * 2) / 2));
    }

    private static void outcomeSplit(StringBuilder html, Answer outcomes) {
        html.append("<figure><figcaption>How requests ended</figcaption>\n");
        long succeeded = number(outcomes, "succeeded");
        long rejected = number(outcomes, "rejected");
        long failed = number(outcomes, "failed_final");
        long total = Math.max(1, succeeded + rejected + failed);
        html.append("<svg viewBox=\"0 0 ").append(CHART_WIDTH).append(" 96\" role=\"img\" aria-label=\"outcome split\">\n");
        double x = 0;
        String[][] parts = {{"SUCCEEDED", SUCCEEDED, Long.toString(succeeded)}, {"REJECTED", REJECTED, Long.toString(rejected)},
                {"FAILED_FINAL", FAILED, Long.toString(failed)}};
        for (String[] part : parts) {
            double width = CHART_WIDTH * Double.parseDouble(part[2]) / total;
            if (width > 0) {
                html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"36\" fill=\"%s\">"
                        + "<title>%s: %s</title></rect>%n", x, width, part[1], part[0], part[2]));
            }
            x += width;
        }
        double legend = 0;
        for (String[] part : parts) {
            html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"60\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                            + "<text class=\"legend\" x=\"%.1f\" y=\"72\">%s %s (%s)</text>%n", legend, part[1], legend + 20, part[0],
                    part[2], percent(Double.parseDouble(part[2]) / total)));
            legend += CHART_WIDTH / 3.0;
        }
        html.append("</svg></figure>\n");
    }

    private static long number(Answer answer, String column) {
        return answer.first(column).map(v -> ((Number) v).longValue()).orElse(0L);
    }

    private static void table(StringBuilder html, Answer answer) {
        html.append("<h3>").append(escape(answer.question())).append("</h3><p class=\"note\">")
                .append(escape(answer.description())).append("</p>\n");
        if (answer.rows().isEmpty()) {
            html.append("<p class=\"empty\">No rows.</p>\n");
            return;
        }
        html.append("<table><thead><tr>");
        answer.columns().forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (List<Object> row : answer.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                html.append(value instanceof Number ? "<td class=\"num\">" : "<td>")
                        .append(escape(AnalyticsReport.format(answer.columns().get(i), value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String duration(double milliseconds) {
        if (milliseconds < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", milliseconds);
        }
        if (milliseconds < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", milliseconds / 1000);
        }
        return String.format(Locale.ROOT, "%.1f min", milliseconds / 60_000);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330;
                   margin: 0 auto; max-width: 1360px; padding: 24px; background: #f6f7f9; }
            header h1 { margin: 0; font-size: 26px; }
            header p, .note { color: #5b6472; margin: 4px 0 0; font-size: 13px; }
            section.event { background: #fff; border: 1px solid #dde1e7; border-radius: 10px; padding: 16px 20px; margin: 20px 0; }
            section.event h2 { margin: 0 0 12px; font-size: 20px; }
            .type { font-size: 12px; color: #fff; background: #44506a; border-radius: 4px; padding: 2px 6px; vertical-align: middle; }
            .figures { display: flex; flex-wrap: wrap; gap: 12px; }
            .figure { border: 1px solid #e3e6eb; border-radius: 8px; padding: 10px 14px; min-width: 150px; }
            .figure .label { font-size: 12px; color: #5b6472; text-transform: uppercase; letter-spacing: .04em; }
            .figure .value { font-size: 24px; font-weight: 600; }
            .figure .note { font-size: 12px; }
            .charts { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 16px; }
            figure { margin: 0; flex: 1 1 560px; }
            figcaption { font-weight: 600; margin-bottom: 6px; }
            svg { width: 100%; height: auto; }
            .bar { fill: #3f6fd1; }
            .grid { stroke: #e6e9ee; }
            .axis { font-size: 11px; fill: #5b6472; }
            .mark { font-size: 11px; font-weight: 700; fill: #1d2330; }
            .legend { font-size: 13px; fill: #1d2330; }
            table { border-collapse: collapse; margin: 6px 0 18px; background: #fff; font-size: 13px; }
            th, td { border: 1px solid #dde1e7; padding: 4px 8px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .empty { color: #5b6472; font-style: italic; }
            """;
}
