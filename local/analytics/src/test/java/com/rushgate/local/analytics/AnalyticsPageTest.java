package com.rushgate.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AnalyticsPageTest {

    private static final List<Answer> ANSWERS = List.of(
            new Answer("latency_by_event", "Latency per event.", List.of("event_id", "event_type", "requests", "p50_latency_ms",
                    "p95_latency_ms", "p99_latency_ms"), List.of(Arrays.asList("drop-<1>", "FCFS", 300L, 180.0, 700.5, 1400.0))),
            new Answer("outcomes", "Outcomes.", List.of("event_id", "requests", "succeeded", "rejected", "failed_final",
                    "success_ratio"), List.of(List.of("drop-<1>", 300L, 30L, 268L, 2L, 0.1))),
            new Answer("latency_histogram", "Histogram.", List.of("event_id", "upper_ms", "requests"), List.of(
                    List.of("drop-<1>", 181L, 150L), List.of("drop-<1>", 724L, 140L), List.of("drop-<1>", 1448L, 10L))),
            new Answer("sell_out", "Sell out.", List.of("event_id", "seconds_to_sell_out"), List.of()));

    @Test
    void page_isSelfContained_withAHistogramAndTheOutcomeSplit() {
        String html = AnalyticsPage.render(ANSWERS, "/tmp/lake", null, Instant.parse("2026-11-24T06:00:00Z"));

        assertThat(html).startsWith("<!doctype html>").contains("<svg").contains("drop-&lt;1&gt;").doesNotContain("drop-<1>");
        assertThat(html).doesNotContainPattern(Pattern.compile("(?i)<script|<link|src=|url\\(|https?://"));
        assertThat(Pattern.compile("<rect class=\"bar\"").matcher(html).results().count())
                .as("181 to 1448 ms, the empty buckets between included").isEqualTo(7);
        assertThat(html).contains("SUCCEEDED 30 (10.0%)").contains("REJECTED 268 (89.3%)").contains("FAILED_FINAL 2 (0.7%)");
        assertThat(html).as("p95 (700.5 ms) lies in the bucket up to 724 ms").containsPattern(">p95</text>");
        assertThat(html).contains("701 ms");
    }

    @Test
    void textAndJson_carryTheSameAnswers() {
        AnalyticsReport report = new AnalyticsReport(ANSWERS, "/tmp/lake", "drop-<1>");

        String text = report.toText();
        ObjectNode json = report.toJson();

        assertThat(text).contains("outcomes: Outcomes.").contains("0.1000").contains("700.5").contains("(no rows)");
        assertThat(json.get("event").asText()).isEqualTo("drop-<1>");
        assertThat(json.at("/answers/outcomes/0/success_ratio").asDouble()).isEqualTo(0.1);
        assertThat(json.at("/answers/latency_histogram").size()).isEqualTo(3);
    }

    @Test
    void histogramRows_putTheEmptyBucketsBack_soTheAxisGrowsEvenly() {
        Answer histogram = ANSWERS.get(2);

        List<long[]> rows = AnalyticsPage.buckets(histogram);

        assertThat(rows).extracting(r -> r[0]).containsExactly(181L, 256L, 362L, 512L, 724L, 1024L, 1448L);
        assertThat(rows).extracting(r -> r[1]).containsExactly(150L, 0L, 0L, 0L, 140L, 0L, 10L);
        assertThat(AnalyticsPage.buckets(new Answer("latency_histogram", "", histogram.columns(), List.of()))).isEmpty();
    }

    @Test
    void buckets_growBySquareRootOfTwo() {
        assertThat(AnalyticsPage.bucket(1)).isEqualTo(1);
        assertThat(AnalyticsPage.bucket(2)).isEqualTo(2);
        assertThat(AnalyticsPage.bucket(3)).isEqualTo(4);
        assertThat(AnalyticsPage.bucket(700.5)).isEqualTo(724);
        assertThat(AnalyticsPage.bucket(1024)).isEqualTo(1024);
    }
}
