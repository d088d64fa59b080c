package com.rushgate.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.pipes.LocalDeliveryStream;
import com.rushgate.local.template.StackModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questions of analytics/*.sql, as written for Athena, answered by DuckDB over a lake that the
 * local Firehose wrote: deduplication, exact percentiles, ratios, DLQ rate and sell-out time.
 */
class LakeQuestionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path lake;

    static StackModel model;

    @BeforeAll
    static void writeLake() {
        model = NamedQueriesTest.model();
        MutableClock clock = MutableClock.at("2026-11-23T23:59:00Z");
        LocalDeliveryStream delivery = new LocalDeliveryStream(model.deliveryStreams().get(0), lake, clock);
        // drop-a, FCFS: two wins, one sold out, one failed then redriven and sold out, one given up.
        List<String> first = List.of(
                record("rq_1", "drop-a", "FCFS", "SUCCEEDED", null, 0, "10:00:00.000", "10:00:00.100", 100L),
                record("rq_2", "drop-a", "FCFS", "SUCCEEDED", null, 0, "10:00:01.000", "10:00:01.200", 200L),
                record("rq_3", "drop-a", "FCFS", "REJECTED", "SOLD_OUT", 0, "10:00:01.500", "10:00:01.800", 300L),
                record("rq_4", "drop-a", "FCFS", "FAILED_FINAL", "RETRIES_EXHAUSTED", 0, "10:00:01.600", "10:00:02.000", 400L),
                record("rq_5", "drop-a", "FCFS", "FAILED_FINAL", "ATTEMPTS_EXHAUSTED", 0, "10:00:01.700", "10:10:00.000", null));
        delivery.put(first);
        delivery.flush();
        clock.advance(Duration.ofMinutes(5));
        delivery.put(List.of(
                record("rq_4", "drop-a", "FCFS", "REJECTED", "SOLD_OUT", 1, "10:00:01.600", "10:05:00.600", 300_000L),
                first.get(0),
                record("rq_6", "raffle-b", "RAFFLE", "SUCCEEDED", null, 0, "11:30:00.000", "11:30:00.050", 50L),
                record("rq_7", "raffle-b", "RAFFLE", "SUCCEEDED", null, 0, "11:30:00.000", "11:30:00.150", 150L)));
        delivery.flush();
    }

    private static String record(String requestId, String eventId, String type, String status, String reason, int redrives,
                                 String acceptedAt, String completedAt, Long latencyMs) {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", requestId);
        node.put("eventId", eventId);
        node.put("userKey", "uk_" + requestId);
        node.put("eventType", type);
        node.put("status", status);
        node.put("reason", reason);
        node.put("attempts", latencyMs == null ? 0 : 1);
        node.put("redriveCount", redrives);
        node.put("acceptedAt", "2026-11-24T" + acceptedAt + "Z");
        node.put("startedAt", latencyMs == null ? null : "2026-11-24T" + acceptedAt + "Z");
        node.put("completedAt", "2026-11-24T" + completedAt + "Z");
        node.put("latencyMs", latencyMs);
        node.put("processingMs", latencyMs == null ? null : latencyMs / 2);
        return node.toString();
    }

    private static Answer ask(String question, String eventId) {
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            return analytics.ask(analytics.question(question)).forEvent(eventId);
        }
    }

    @Test
    void latency_countsEachRequestOnceWithItsLatestRecord_andInterpolatesPercentiles() {
        Map<String, Object> dropA = ask("latency_by_event", "drop-a").asMaps().get(0);

        assertThat(dropA).containsEntry("event_type", "FCFS").containsEntry("requests", 5L).containsEntry("timed_requests", 4L)
                .containsEntry("max_latency_ms", 300_000L);
        // latest latencies 100, 200, 300, 300000: continuous interpolation between ranks
        assertThat((Double) dropA.get("p50_latency_ms")).isCloseTo(250.0, within(1e-9));
        assertThat((Double) dropA.get("p95_latency_ms")).isCloseTo(300 + 0.85 * (300_000 - 300), within(1e-6));
        assertThat((Double) dropA.get("p99_latency_ms")).isCloseTo(300 + 0.97 * (300_000 - 300), within(1e-6));
    }

    @Test
    void outcomes_andDlqRate_followTheLatestRecord_butRememberTheDeadLetteredOnes() {
        Map<String, Object> outcomes = ask("outcomes", "drop-a").asMaps().get(0);
        Map<String, Object> dlq = ask("dlq_rate", "drop-a").asMaps().get(0);
        Map<String, Object> raffle = ask("outcomes", "raffle-b").asMaps().get(0);

        assertThat(outcomes).containsEntry("requests", 5L).containsEntry("succeeded", 2L).containsEntry("rejected", 2L)
                .containsEntry("failed_final", 1L).containsEntry("success_ratio", 0.4).containsEntry("failed_ratio", 0.2);
        assertThat(dlq).containsEntry("dead_lettered", 2L).containsEntry("still_failed", 1L)
                .containsEntry("redriven_requests", 1L).containsEntry("redrives", 1L).containsEntry("dlq_rate", 0.4);
        assertThat(raffle).containsEntry("requests", 2L).containsEntry("success_ratio", 1.0);
    }

    @Test
    void sellOut_isFromTheFirstAcceptanceToTheLastWin_forSoldOutFcfsEventsOnly() {
        Answer sellOut = ask("sell_out", null);

        assertThat(sellOut.asMaps()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("event_id", "drop-a").containsEntry("units_won", 2L)
                .containsEntry("first_accepted_at", "2026-11-24T10:00:00.000Z")
                .containsEntry("last_win_at", "2026-11-24T10:00:01.200Z")
                .containsEntry("seconds_to_sell_out", 1.2));
    }

    @Test
    void perHourAndHistogram_bucketInUtc_asTheHtmlPageExpects() {
        Answer hours = ask("latency_by_hour", null);
        Answer histogram = ask("latency_histogram", "drop-a");

        assertThat(hours.asMaps()).extracting(r -> r.get("event_id") + " " + r.get("completed_hour") + " " + r.get("requests"))
                .containsExactly("drop-a 2026-11-24T10:00:00Z 5", "raffle-b 2026-11-24T11:00:00Z 2");
        assertThat(histogram.asMaps()).extracting(r -> r.get("upper_ms") + ":" + r.get("requests"))
                .containsExactly("128:1", "256:1", "362:1", "370728:1");
        List<Long> javaBuckets = new ArrayList<>();
        for (double latency : new double[]{100, 200, 300, 300_000}) {
            javaBuckets.add(AnalyticsPage.bucket(latency));
        }
        assertThat(javaBuckets).containsExactly(128L, 256L, 362L, 370728L);
    }

    @Test
    void lakeCounts_distinguishRecordsFromRequests_acrossDayPartitions() throws IOException {
        List<String> partitions;
        try (Stream<Path> folders = Files.list(LakeAnalytics.folder(lake, model.glueTables().get(0).location()))) {
            partitions = folders.map(f -> f.getFileName().toString()).sorted().toList();
        }

        assertThat(partitions).as("each object in the day its oldest record arrived")
                .containsExactly("dt=2026-11-23", "dt=2026-11-24");
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            assertThat(analytics.records("drop-a")).isEqualTo(7);
            assertThat(analytics.requests("drop-a")).isEqualTo(5);
        }
    }

    @Test
    void anEmptyLake_answersWithNoRows() {
        Path empty = lake.resolve("nothing-here");
        try (LakeAnalytics analytics = LakeAnalytics.open(model, empty)) {
            assertThat(analytics.askAll(null)).allSatisfy(answer -> assertThat(answer.rows()).isEmpty());
            assertThat(analytics.requests("drop-a")).isZero();
        }
    }
}
