package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.analytics.Answer;
import com.rushgate.local.analytics.LakeAnalytics;
import com.rushgate.local.demo.Demo;
import com.rushgate.local.demo.DemoOptions;
import com.rushgate.local.demo.DemoSummary;
import com.rushgate.local.pipes.StreamPipe;
import com.rushgate.local.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Final results from the RequestTable's stream to the local data lake and the questions asked of
 * it: one record per final request, the SQL p95 equal to the table's, nothing but final states,
 * no raw userId anywhere, and a pipe restarted mid-stream that loses nothing.
 */
class AnalyticsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "REJECTED", "FAILED_FINAL");
    private static LocalStack stack;

    /**
     * A throttled worker batch (no free environment while a loaded machine starts them) comes back
     * after the queue's visibility timeout: 15 s here instead of 3 minutes.
     */
    private static final Map<String, String> QUICK_RETRIES = Map.of(
            "QueueVisibilityTimeoutSeconds", "15",
            "ReconcileReceivedAfterSeconds", "5");

    @BeforeAll
    static void start() {
        stack = TestStacks.start(QUICK_RETRIES);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void demoSizedRun_lakeHoldsOneRecordPerFinalRequest_andTheSqlP95IsTheTables() throws Exception {
        DemoSummary summary = new Demo(stack, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new DemoOptions(200, 20, 0.1, 16, Duration.ofMinutes(3), 0));
        List<List<Map<String, AttributeValue>>> table = new ArrayList<>();
        List<List<JsonNode>> lakes = new ArrayList<>();
        // A request a refused submission left RECEIVED may still be decided (by the reconciler):
        // compare the table and the lake at a moment when neither moves.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            stack.flushPipes();
            List<Map<String, AttributeValue>> requests = Tables.requestsOf(stack, summary.eventId());
            stack.flushPipes();
            List<JsonNode> lake = lakeRecords(summary.eventId());
            table.add(0, requests);
            lakes.add(0, lake);
            assertThat(lake).extracting(r -> r.get("requestId").asText()).as("exactly one record per final request")
                    .containsExactlyInAnyOrderElementsOf(requests.stream()
                            .filter(item -> RequestStatus.valueOf(item.get("status").s()).isFinal())
                            .map(item -> item.get("requestId").s()).toList());
        });
        List<Map<String, AttributeValue>> requests = table.get(0);
        List<Map<String, AttributeValue>> finals = requests.stream()
                .filter(item -> RequestStatus.valueOf(item.get("status").s()).isFinal()).toList();
        List<JsonNode> lake = lakes.get(0);

        assertThat(summary.lost()).as("nothing lost").isZero();
        assertThat(summary.oversold()).as("nothing oversold").isZero();
        assertThat(summary.extra()).containsEntry("lakeRecords",
                (long) summary.succeeded() + summary.rejected() + summary.failedFinal());
        assertThat(finals).hasSizeGreaterThan(100);
        assertThat(lake).hasSize(finals.size()).allSatisfy(r -> assertThat(FINAL).contains(r.get("status").asText()));

        double tableP95 = continuousPercentile(finals.stream().filter(item -> item.containsKey("latencyMs"))
                .map(item -> Double.parseDouble(item.get("latencyMs").n())).toList(), 0.95);
        double sqlP95;
        try (LakeAnalytics analytics = LakeAnalytics.open(stack.model(), stack.lake().orElseThrow())) {
            Answer latency = analytics.ask(analytics.question("latency_by_event")).forEvent(summary.eventId());
            sqlP95 = latency.firstNumber("p95_latency_ms").orElseThrow();
        }
        assertThat(sqlP95).isCloseTo(tableP95, within(1e-6));
        assertThat((Double) summary.extra().get("p95LatencyMs")).isPositive();
        if (finals.size() == summary.succeeded() + summary.rejected() + summary.failedFinal()) {
            // the demo asked the same question of the same requests (none was decided after it)
            assertThat((Double) summary.extra().get("p95LatencyMs")).isCloseTo(tableP95, within(0.006));
        }

        Set<String> userIds = new HashSet<>();
        requests.forEach(item -> userIds.add(item.get("userId").s()));
        String everything = lakeText();
        assertThat(userIds).hasSize(requests.size()).allSatisfy(userId -> assertThat(everything).doesNotContain(userId));
        assertThat(everything).doesNotContain("demo-user-").doesNotContain("userId");
    }

    @Test
    void onlyTransitionsIntoFinalStates_reachTheLake_andQueriesKeepEachRequestsLatest() {
        String eventId = SharedStack.newEventId("filter");
        DynamoRequestStore store = Tables.requestStore(stack);
        StreamPipe pipe = stack.streamPipes().get(0);
        long readBefore = pipe.read();
        long matchedBefore = pipe.matched();

        ParticipationRequest won = decide(store, eventId, "first-user", Outcome.SUCCEED);
        ParticipationRequest redriven = decide(store, eventId, "second-user", Outcome.FAIL);
        store.redrive(redriven.requestId(), "operator", Instant.now());
        claimAndDecide(store, redriven, Outcome.REJECT);
        ParticipationRequest waiting = received(store, eventId, "third-user");
        store.markQueued(waiting.requestId(), Instant.now());
        stack.flushPipes();

        List<JsonNode> lake = lakeRecords(eventId);
        assertThat(lake).extracting(r -> r.get("requestId").asText() + " " + r.get("status").asText())
                .containsExactlyInAnyOrder(won.requestId().value() + " SUCCEEDED",
                        redriven.requestId().value() + " FAILED_FINAL", redriven.requestId().value() + " REJECTED");
        assertThat(pipe.matched() - matchedBefore).as("final transitions that passed the filter").isGreaterThanOrEqualTo(3);
        assertThat((pipe.read() - readBefore) - (pipe.matched() - matchedBefore)).as("transitions filtered out")
                .isGreaterThanOrEqualTo(10);
        try (LakeAnalytics analytics = LakeAnalytics.open(stack.model(), stack.lake().orElseThrow())) {
            Map<String, Object> outcomes = analytics.ask(analytics.question("outcomes")).forEvent(eventId).asMaps().get(0);
            Map<String, Object> dlq = analytics.ask(analytics.question("dlq_rate")).forEvent(eventId).asMaps().get(0);
            assertThat(outcomes).containsEntry("requests", 2L).containsEntry("succeeded", 1L).containsEntry("rejected", 1L)
                    .containsEntry("failed_final", 0L);
            assertThat(dlq).containsEntry("dead_lettered", 1L).containsEntry("redrives", 1L).containsEntry("dlq_rate", 0.5);
        }
    }

    @Test
    void aPipeRestartedMidStream_fromItsCheckpoints_losesNothing() {
        try (LocalStack own = TestStacks.start(Map.of())) {
            String eventId = SharedStack.newEventId("restart");
            DynamoRequestStore store = Tables.requestStore(own);
            StreamPipe first = own.streamPipes().get(0);
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                written.add(decide(store, eventId, "early-" + i, Outcome.SUCCEED).requestId().value());
            }
            first.flush();
            for (int i = 0; i < 40; i++) {
                written.add(decide(store, eventId, "middle-" + i, i % 4 == 0 ? Outcome.FAIL : Outcome.REJECT).requestId().value());
            }
            // mid-stream: the records are read and in the delivery buffer, not yet in the lake
            await().atMost(Duration.ofSeconds(30)).until(() -> first.delivery().buffered() >= 40);
            long lostWithTheCrash = first.delivery().buffered();

            first.halt();
            for (int i = 0; i < 40; i++) {
                written.add(decide(store, eventId, "late-" + i, Outcome.REJECT).requestId().value());
            }
            try (StreamPipe second = own.openPipe(first.spec())) {
                second.flush();
            }

            assertThat(lostWithTheCrash).as("records read but not yet in the lake when the pipe stopped").isPositive();
            List<JsonNode> lake = lakeRecords(own.lake().orElseThrow(), eventId);
            assertThat(lake).extracting(r -> r.get("requestId").asText()).containsExactlyInAnyOrderElementsOf(written);
            try (LakeAnalytics analytics = LakeAnalytics.open(own.model(), own.lake().orElseThrow())) {
                assertThat(analytics.requests(eventId)).isEqualTo(100);
            }
        }
    }

    private enum Outcome { SUCCEED, REJECT, FAIL }

    private static ParticipationRequest received(DynamoRequestStore store, String eventId, String userId) {
        Event event = Event.create(eventId, EventType.FCFS, 10, Instant.now().minusSeconds(60), null);
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        store.insertIfAbsent(request);
        return request;
    }

    /** Takes a request the way Ingest and a worker do: RECEIVED, QUEUED, PROCESSING, then the outcome. */
    private static ParticipationRequest decide(DynamoRequestStore store, String eventId, String userId, Outcome outcome) {
        ParticipationRequest request = received(store, eventId, userId);
        store.markQueued(request.requestId(), Instant.now());
        claimAndDecide(store, request, outcome);
        return request;
    }

    private static void claimAndDecide(DynamoRequestStore store, ParticipationRequest request, Outcome outcome) {
        Instant now = Instant.now();
        ClaimResult claim = store.claim(request.requestId(), now, now.plusSeconds(30));
        assertThat(claim).isInstanceOf(ClaimResult.Claimed.class);
        ParticipationRequest claimed = ((ClaimResult.Claimed) claim).request();
        boolean decided = switch (outcome) {
            case SUCCEED -> store.succeed(claimed, Instant.now());
            case REJECT -> store.reject(claimed, RejectReason.SOLD_OUT, Instant.now());
            case FAIL -> store.fail(claimed, FailureReason.RETRIES_EXHAUSTED, Instant.now());
        };
        assertThat(decided).isTrue();
    }

    /** Linear interpolation between closest ranks, as DuckDB's quantile_cont computes it. */
    static double continuousPercentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        double rank = (sorted.size() - 1) * fraction;
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private static List<JsonNode> lakeRecords(String eventId) {
        return lakeRecords(stack.lake().orElseThrow(), eventId);
    }

    /** Every line of every object in the lake's buckets, parsed, for one event. */
    private static List<JsonNode> lakeRecords(Path lake, String eventId) {
        List<JsonNode> records = new ArrayList<>();
        for (Path object : objects(lake)) {
            for (String line : read(object).split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        JsonNode record = JSON.readTree(line);
                        if (eventId.equals(record.path("eventId").asText())) {
                            records.add(record);
                        }
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line in " + object + ": " + line, e);
                    }
                }
            }
        }
        return records;
    }

    /** The whole lake as text: object names, their decompressed content, and the checkpoints. */
    private static String lakeText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(stack.lake().orElseThrow())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(file).append('\n');
                text.append(file.toString().endsWith(".gz") ? read(file) : Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    private static List<Path> objects(Path lake) {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(f -> f.toString().endsWith(".gz")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path object) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
