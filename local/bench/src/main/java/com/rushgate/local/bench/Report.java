package com.rushgate.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bench run found: the summary fields every consumer reads first (see {@link #summary}),
 * the details of each section, text tables for a terminal, and the charts. Each section writes its
 * own part in one place (its {@code report} method, or {@code run} for the small ones); the
 * fields keep the order they were written in, and {@link #json} assembles them: the summary, then
 * the details.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> charts = new LinkedHashMap<>();
    private final List<String> failedSections = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double ratio(double part, double whole) {
        return whole <= 0 ? 0 : Math.round(part / whole * 1000) / 1000.0;
    }

    void put(String field, Object value) {
        summary.put(field, value instanceof Double d ? round(d) : value);
    }

    /** A share or a ratio, kept as it is: rounded to one decimal, a fairness of 0.99 would read 1.0. */
    void putExact(String field, double value) {
        summary.put(field, value);
    }

    void detail(String section, Object value) {
        details.put(section, value);
    }

    void chart(String file, String svg) {
        charts.put(file, svg);
    }

    /** A titled text table: a header row, then rows, columns padded to fit. */
    void table(String title, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        text.append('\n').append(title).append('\n');
        appendRow(header, widths);
        for (List<String> row : rows) {
            appendRow(row, widths);
        }
    }

    /** A section that failed: named in failedSections, its error in the text and in the details. */
    void fail(String section, Throwable error) {
        failedSections.add(section);
        failures.put(section, String.valueOf(error));
        details.put("failures", Map.copyOf(failures));
        summary.put("failedSections", List.copyOf(failedSections));
        text.append('\n').append("Section ").append(section).append(" FAILED: ").append(error).append('\n');
    }

    /** The sections that failed, in order; empty when every section passed. */
    public List<String> failedSections() {
        return List.copyOf(failedSections);
    }

    void line(String line) {
        text.append(line).append('\n');
    }

    private void appendRow(List<String> cells, int[] widths) {
        StringBuilder row = new StringBuilder(" ");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            row.append(' ').append(c == 0 ? pad(cell, widths[c]) : padLeft(cell, widths[c]));
        }
        text.append(row.toString().stripTrailing()).append('\n');
    }

    static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    /** A ratio or a short time for a table: two decimals. */
    static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The details of an HTTP load's answers: counts, rate, latency percentiles, answers by status. */
    static Map<String, Object> loadDetail(HttpLoad.Result result) {
        Map<String, Object> map = new LinkedHashMap<>();
        Latencies latencies = result.latencies();
        map.put("requests", result.sent());
        map.put("answered", result.answered());
        map.put("perSecond", round(result.perSecond()));
        map.put("p50Ms", round(latencies.percentileMs(50)));
        map.put("p95Ms", round(latencies.percentileMs(95)));
        map.put("p99Ms", round(latencies.percentileMs(99)));
        map.put("maxMs", round(latencies.maxMs()));
        map.put("errors", result.errors());
        map.put("inProgress", result.inProgress());
        Map<String, Long> statuses = new LinkedHashMap<>();
        result.statuses().forEach((status, count) -> statuses.put(Integer.toString(status), count));
        map.put("statuses", statuses);
        map.put("noAnswer", result.failures());
        return map;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    public String text() {
        return text.toString();
    }

    /** One line: the summary fields, then every section's details. */
    public String json() {
        Map<String, Object> all = new LinkedHashMap<>(summary);
        all.putAll(details);
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> summary() {
        return summary;
    }

    /** Writes results.json, report.txt and the charts into {@code directory}. */
    public void write(Path directory, PrintWriter out) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json())) + "\n");
        Files.writeString(directory.resolve("report.txt"), text());
        for (Map.Entry<String, String> chart : charts.entrySet()) {
            Files.writeString(directory.resolve(chart.getKey()), chart.getValue());
        }
        out.println("wrote results.json, report.txt and " + charts.size() + " charts to " + directory);
    }
}
