package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the command line shows the operators' API's event views, counts and queue, as readable text. */
final class EventViews {

    private static final String ROW = "%-24s %-7s %-8s %9s %9s  %-24s %s%n";

    private EventViews() {
    }

    static void header(PrintWriter out) {
        out.printf(ROW, "EVENT", "TYPE", "STATE", "CAPACITY", "REMAINING", "OPENS", "CLOSES");
    }

    static void row(PrintWriter out, JsonNode event) {
        out.printf(ROW, event.path("eventId").asText(), event.path("type").asText(), event.path("state").asText(),
                event.path("capacity").asText(), event.path("remaining").asText(), event.path("opensAt").asText(),
                text(event.get("closesAt")));
    }

    /** One event in a few lines: what changed by the command that printed it. */
    static void summary(PrintWriter out, String verb, JsonNode event) {
        out.printf("%s%s event %s: %s, capacity %s, remaining %s, opens %s, closes %s%n", verb.isEmpty() ? "" : verb + " ",
                event.path("type").asText(), event.path("eventId").asText(), event.path("state").asText(),
                event.path("capacity").asText(), event.path("remaining").asText(), event.path("opensAt").asText(),
                text(event.get("closesAt")));
        if (event.hasNonNull("commitment")) {
            out.printf("  seed commitment (SHA-256; the seed itself is published with the draw): %s%n",
                    event.get("commitment").asText());
        }
        if (event.hasNonNull("drawState")) {
            out.printf("  draw: %s%s%n", event.get("drawState").asText(),
                    event.hasNonNull("drawnAt") ? " at " + event.get("drawnAt").asText() : "");
        }
    }

    /** GET /admin/events/{id}: the event, its counts and the queue, as a table. */
    static void detail(PrintWriter out, JsonNode answer) {
        JsonNode event = answer.path("event");
        JsonNode counts = answer.path("counts");
        JsonNode queue = answer.path("queue");
        summary(out, "", event);
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"accepted", counts.path("accepted").asText("0")});
        lines.add(new String[] {"in flight", breakdown(counts.path("inFlight"))});
        lines.add(new String[] {"succeeded", counts.path("succeeded").asText("0")});
        lines.add(new String[] {"rejected", breakdown(counts.path("rejected"))});
        lines.add(new String[] {"failed (DLQ)", counts.path("failed").asText("0")});
        lines.add(new String[] {"remaining", counts.path("remaining").asText(event.path("remaining").asText())});
        lines.add(new String[] {"decision p95", counts.hasNonNull("decisionLatencyP95Ms")
                ? counts.get("decisionLatencyP95Ms").asText() + " ms (last " + counts.path("latencyWindowMinutes").asText()
                + " min)" : "-"});
        lines.add(new String[] {"counted through", text(counts.get("countedThrough"))});
        lines.add(new String[] {"queue", queue.path("messages").asText("-") + " waiting, " + queue.path("inFlight").asText("-")
                + " in flight, oldest " + (queue.hasNonNull("oldestAgeSeconds") ? queue.get("oldestAgeSeconds").asText() + " s"
                : "-") + ", DLQ " + queue.path("dlqMessages").asText("-")});
        for (String[] line : lines) {
            out.printf("  %-16s %s%n", line[0], line[1]);
        }
    }

    /** {@code {"QUEUED":3,"PROCESSING":1}} as {@code 4 (QUEUED 3, PROCESSING 1)}; zeros left out. */
    static String breakdown(JsonNode counts) {
        long total = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) counts::fields) {
            long value = entry.getValue().asLong();
            total += value;
            if (value != 0) {
                parts.add(entry.getKey() + " " + value);
            }
        }
        return parts.isEmpty() ? String.valueOf(total) : total + " (" + String.join(", ", parts) + ")";
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "-" : node.asText();
    }
}
