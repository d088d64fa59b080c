package com.rushgate.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.pipes.LocalDeliveryStream;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.GlueTableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * analytics/raffle_draws.sql on DuckDB over a lake laid out as the bucket is: the final records as the
 * local Firehose writes them under records/, and one announcement per drawn raffle under
 * draw-results/EVENT.json, the line the Draw function puts (src/test/resources/lake/draw-results).
 */
class RaffleDrawsQuestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path lake;

    static StackModel model;

    @BeforeAll
    static void writeLake() {
        model = NamedQueriesTest.model();
        MutableClock clock = MutableClock.at("2026-11-24T12:00:31.000Z");
        LocalDeliveryStream delivery = new LocalDeliveryStream(model.deliveryStreams().get(0), lake, clock);
        String winner = record("rq_c2", "raffle-c", "SUCCEEDED", null, "12:00:32.250");
        // raffle-c, capacity 2, closed at 12:00:00.000, drawn at 12:00:30.500: five entries, two won.
        // rq_c6 came in after the close; rq_c7 failed before the draw, which went without it, and was
        // rejected EXCLUDED_FROM_DRAW when it was redriven an hour and a half later.
        delivery.put(List.of(
                record("rq_c6", "raffle-c", "REJECTED", "EVENT_CLOSED", "12:00:05.000"),
                record("rq_c7", "raffle-c", "FAILED_FINAL", "RETRIES_EXHAUSTED", "11:59:50.000"),
                record("rq_c1", "raffle-c", "SUCCEEDED", null, "12:00:31.000"),
                winner,
                record("rq_c3", "raffle-c", "REJECTED", "NOT_DRAWN", "12:00:31.400"),
                record("rq_c4", "raffle-c", "REJECTED", "NOT_DRAWN", "12:00:33.750"),
                record("rq_c5", "raffle-c", "REJECTED", "NOT_DRAWN", "12:00:32.000"),
                // an FCFS event, and a raffle not drawn yet whose only final record is a rejection
                record("rq_a1", "drop-a", "SUCCEEDED", null, "12:00:01.000"),
                record("rq_e1", "raffle-e", "REJECTED", "EVENT_NOT_OPEN", "12:00:02.000")));
        delivery.flush();
        clock.advance(Duration.ofMinutes(90));
        // the winner's record again (a pipe restarted before its checkpoint), and the late redrive
        delivery.put(List.of(winner, record("rq_c7", "raffle-c", "REJECTED", "EXCLUDED_FROM_DRAW", "13:30:00.000")));
        delivery.flush();
        copyDrawResults("raffle-c", "raffle-d");
    }

    private static String record(String requestId, String eventId, String status, String reason, String completedAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", requestId);
        node.put("eventId", eventId);
        node.put("userKey", "uk_" + requestId);
        node.put("eventType", eventId.startsWith("raffle") ? "RAFFLE" : "FCFS");
        node.put("status", status);
        node.put("reason", reason);
        node.put("attempts", 1);
        node.put("redriveCount", "EXCLUDED_FROM_DRAW".equals(reason) ? 1 : 0);
        node.put("acceptedAt", "2026-11-24T11:59:40.000Z");
        node.put("startedAt", "2026-11-24T11:59:41.000Z");
        node.put("completedAt", "2026-11-24T" + completedAt + "Z");
        node.putNull("latencyMs");
        node.putNull("processingMs");
        return node.toString();
    }

    /** The announcements where the Draw function puts them: s3://bucket/draw-results/EVENT.json. */
    private static void copyDrawResults(String... events) {
        Path folder = LakeAnalytics.folder(lake, drawsTable().location());
        try {
            Files.createDirectories(folder);
            for (String event : events) {
                try (InputStream in = RaffleDrawsQuestionTest.class.getResourceAsStream("/lake/draw-results/" + event + ".json")) {
                    Files.copy(in, folder.resolve(event + ".json"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GlueTableSpec drawsTable() {
        return model.glueTables().stream().filter(t -> t.name().equals("raffle_draws")).findFirst().orElseThrow();
    }

    private static Answer ask(Path lakeFolder) {
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lakeFolder)) {
            return analytics.ask(analytics.question("raffle_draws"));
        }
    }

    @Test
    void drawsTable_readsTheBucketsDrawResultsFolder_oneJsonLinePerRaffle() {
        assertThat(drawsTable().location()).isEqualTo("s3://analyticsbucket/draw-results/");
        assertThat(drawsTable().partitionKeys()).isEmpty();
        assertThat(lake.resolve("analyticsbucket/draw-results/raffle-c.json")).isRegularFile();
    }

    @Test
    void drawnRaffle_hasTheDrawsCounts_theLakesDecisionsCountedOnce_andTheSecondsFromCloseToDrawToLastDecision() {
        Map<String, Object> raffle = ask(lake).forEvent("raffle-c").asMaps().get(0);

        assertThat(raffle).containsEntry("capacity", 2L).containsEntry("entries", 5L).containsEntry("winners", 2L)
                .containsEntry("not_drawn", 3L).containsEntry("excluded", 1L);
        assertThat(raffle).as("the duplicate winner's record counts once; EVENT_CLOSED and EXCLUDED_FROM_DRAW are not decisions of the draw")
                .containsEntry("won_in_lake", 2L).containsEntry("not_drawn_in_lake", 3L);
        assertThat(raffle).containsEntry("closes_at", "2026-11-24T12:00:00.000Z").containsEntry("drawn_at", "2026-11-24T12:00:30.500Z")
                .containsEntry("last_decision_at", "2026-11-24T12:00:33.750Z")
                .containsEntry("seconds_close_to_draw", 30.5)
                .containsEntry("seconds_draw_to_last_decision", 3.25);
    }

    @Test
    void drawWhoseDecisionsHaveNotReachedTheLake_countsNone_andHasNoSecondsToTheLastDecision() {
        Map<String, Object> raffle = ask(lake).forEvent("raffle-d").asMaps().get(0);

        assertThat(raffle).containsEntry("entries", 2L).containsEntry("winners", 2L).containsEntry("not_drawn", 0L)
                .containsEntry("won_in_lake", 0L).containsEntry("not_drawn_in_lake", 0L)
                .containsEntry("last_decision_at", null).containsEntry("seconds_close_to_draw", 60.0)
                .containsEntry("seconds_draw_to_last_decision", null);
    }

    @Test
    void onlyDrawnRaffles_haveARow_andTheReportPrintsThem() {
        Answer draws = ask(lake);

        assertThat(draws.asMaps()).extracting(row -> row.get("event_id")).containsExactly("raffle-c", "raffle-d");
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            String text = new AnalyticsReport(analytics.askAll(null), lake.toString(), null).toText();
            assertThat(text).contains("raffle_draws: Per drawn raffle").containsPattern("(?m)^ +raffle-c +2 +5 +2 +3 +1 +2 +3 ");
        }
    }

    @Test
    void events_includeADrawnRaffle_whoseDecisionsHaveNotReachedTheLake() {
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            assertThat(analytics.requests("raffle-d")).isZero();
            assertThat(analytics.events()).containsExactly("drop-a", "raffle-c", "raffle-d", "raffle-e");
        }
    }

    @Test
    void aLakeWithRecordsButNoDrawResults_answersWithNoRows(@TempDir Path undrawn) throws IOException {
        Path records = LakeAnalytics.folder(undrawn, model.glueTables().get(0).location());
        Path source = LakeAnalytics.folder(lake, model.glueTables().get(0).location());
        try (var days = Files.list(source)) {
            for (Path day : days.toList()) {
                Path target = Files.createDirectories(records.resolve(day.getFileName().toString()));
                try (var files = Files.list(day)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, target.resolve(file.getFileName().toString()));
                    }
                }
            }
        }

        assertThat(ask(undrawn).rows()).isEmpty();
        try (LakeAnalytics analytics = LakeAnalytics.open(model, undrawn)) {
            assertThat(analytics.requests("raffle-c")).as("the records are there").isEqualTo(7);
        }
    }
}
