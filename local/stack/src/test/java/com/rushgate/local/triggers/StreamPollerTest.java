package com.rushgate.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.pipes.FakeStreamShards;
import com.rushgate.local.pipes.ShardCheckpoints;
import com.rushgate.local.pipes.StreamFixtures;
import com.rushgate.local.template.StackModel.StreamTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Record;

class StreamPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:000000000000:table/requests/stream/2026";

    @TempDir
    Path checkpoints;

    /** Answers each invocation with the next scripted answer (the last one repeats) and keeps every event. */
    private static final class ScriptedFunction {
        final List<JsonNode> events = new ArrayList<>();
        final Deque<Function<JsonNode, Invocation>> answers = new ArrayDeque<>();

        Invocation invoke(byte[] payload) {
            try {
                JsonNode event = JSON.readTree(payload);
                events.add(event);
                Function<JsonNode, Invocation> answer = answers.size() > 1 ? answers.poll() : answers.peek();
                return answer.apply(event);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        List<List<String>> batches() {
            List<List<String>> batches = new ArrayList<>();
            for (JsonNode event : events) {
                List<String> batch = new ArrayList<>();
                event.get("Records").forEach(r -> batch.add(r.at("/dynamodb/SequenceNumber").asText()));
                batches.add(batch);
            }
            return batches;
        }
    }

    private static Invocation ok(String body) {
        return new Invocation(body.getBytes(StandardCharsets.UTF_8), null, false, Duration.ZERO);
    }

    private static Function<JsonNode, Invocation> applied() {
        return event -> ok("{\"state\":{},\"batchItemFailures\":[]}");
    }

    private static Function<JsonNode, Invocation> failingFrom(String sequence) {
        return event -> ok("{\"state\":{},\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequence + "\"}]}");
    }

    private static Function<JsonNode, Invocation> error() {
        return event -> new Invocation("{\"errorType\":\"RuntimeException\"}".getBytes(StandardCharsets.UTF_8),
                "RuntimeException", false, Duration.ZERO);
    }

    private static StreamTrigger trigger(int batchSize, boolean bisect, int retries) {
        return new StreamTrigger("TallyFunction", "RequestStream", ARN, "RequestTable", "TRIM_HORIZON", batchSize, 0, 60,
                true, bisect, retries, true);
    }

    private StreamPoller poller(StreamTrigger trigger, ScriptedFunction function, int records) {
        FakeStreamShards shards = new FakeStreamShards().shard("shard-1", null);
        for (int i = 1; i <= records; i++) {
            Record record = StreamFixtures.sdkRecord("request-received", String.format("%021d", i), "rq_" + i);
            shards.append("shard-1", record);
        }
        return new StreamPoller(trigger, function::invoke, shards, "eu-west-1", new ShardCheckpoints(checkpoints, ARN),
                Clock.fixed(Instant.parse("2026-12-01T10:00:30Z"), ZoneOffset.UTC), Duration.ZERO, false);
    }

    private static List<String> sequences(int from, int to) {
        List<String> sequences = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            sequences.add(String.format("%021d", i));
        }
        return sequences;
    }

    private static void cycles(StreamPoller poller, int count) {
        for (int i = 0; i < count; i++) {
            poller.cycle();
        }
    }

    @Test
    void cycle_deliversBatchesOfUpToBatchSize_inShardOrder_withTheWindowsShardAndState() {
        ScriptedFunction function = new ScriptedFunction();
        function.answers.add(applied());
        StreamPoller poller = poller(trigger(2, false, -1), function, 5);

        cycles(poller, 6);

        assertThat(function.batches()).containsExactly(sequences(1, 2), sequences(3, 4), sequences(5, 5));
        JsonNode event = function.events.get(0);
        assertThat(event.get("shardId").asText()).isEqualTo("shard-1");
        assertThat(event.at("/window/start").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(event.get("state").isObject()).isTrue();
        assertThat(event.at("/Records/0/eventSourceARN").asText()).isEqualTo(ARN);
        assertThat(poller.delivered()).isEqualTo(5);
    }

    @Test
    void cycle_whenTheFunctionReportsARecord_deliversAgainFromIt() {
        ScriptedFunction function = new ScriptedFunction();
        function.answers.add(failingFrom(String.format("%021d", 3)));
        function.answers.add(applied());
        StreamPoller poller = poller(trigger(4, false, -1), function, 4);

        cycles(poller, 4);

        assertThat(function.batches()).containsExactly(sequences(1, 4), sequences(3, 4));
        assertThat(poller.delivered()).isEqualTo(4);
        assertThat(poller.failedBatches()).isEqualTo(1);
    }

    @Test
    void cycle_whenTheFunctionFails_bisectsAndRetriesUntilEveryRecordIsTaken() {
        ScriptedFunction function = new ScriptedFunction();
        function.answers.add(error());
        function.answers.add(error());
        function.answers.add(applied());
        StreamPoller poller = poller(trigger(4, true, -1), function, 4);

        cycles(poller, 6);

        assertThat(function.batches()).containsExactly(sequences(1, 4), sequences(1, 2), sequences(1, 1), sequences(2, 4));
        assertThat(poller.delivered()).isEqualTo(4);
        assertThat(poller.skipped()).isZero();
    }

    @Test
    void cycle_whenAWindowedAnswerHasNoState_retriesTheBatch() {
        ScriptedFunction function = new ScriptedFunction();
        function.answers.add(event -> ok("{\"batchItemFailures\":[]}"));
        function.answers.add(applied());
        StreamPoller poller = poller(trigger(10, false, -1), function, 3);

        cycles(poller, 3);

        assertThat(function.batches()).containsExactly(sequences(1, 3), sequences(1, 3));
        assertThat(poller.delivered()).isEqualTo(3);
    }

    @Test
    void cycle_whenTheRetriesAreSpent_skipsTheBatchAndGoesOn() {
        ScriptedFunction function = new ScriptedFunction();
        function.answers.add(error());
        StreamPoller poller = poller(trigger(2, false, 1), function, 3);

        cycles(poller, 4);

        assertThat(function.batches()).startsWith(sequences(1, 2), sequences(1, 2), sequences(3, 3));
        assertThat(poller.skipped()).isGreaterThanOrEqualTo(2);
    }
}
