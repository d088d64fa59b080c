package com.rushgate.local.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipe's parts together on its own thread, over a stream in memory and a lake in a folder. */
class StreamPipeTest {

    private static final PipeSpec ANALYTICS = StreamFixtures.analyticsPipe();

    @TempDir
    Path lake;

    // The clock stands still: no batching window or buffering interval ever ends, so records reach
    // the lake only when a test flushes.
    private final MutableClock clock = MutableClock.at("2026-11-24T05:14:08Z");
    private final FakeStreamShards stream = new FakeStreamShards().shard("shard-1", null);
    private final List<String> deadLetters = new ArrayList<>();
    private int written;
    private long sequence;

    private StreamPipe pipe() {
        LocalDeliveryStream delivery = new LocalDeliveryStream(StreamFixtures.model().deliveryStreams().get(0), lake, clock);
        return new StreamPipe(ANALYTICS, delivery, stream, deadLetters::add,
                new ShardCheckpoints(lake.resolve("checkpoints"), ANALYTICS.sourceArn()), clock, Duration.ofMillis(10));
    }

    /** Writes one request's transitions to the stream, as the table does; returns its id. */
    private String request(String... fixtures) {
        String requestId = "rq_" + (++written);
        for (String fixture : fixtures) {
            stream.append("shard-1", StreamFixtures.sdkRecord(fixture, sequenceNumber(++sequence), requestId));
        }
        return requestId;
    }

    private static String sequenceNumber(long n) {
        return String.format("4%020d", n);
    }

    @Test
    void flush_putsEveryFinalTransitionInTheLake_andSavesTheShardsPosition() {
        String won = request("request-received", "request-claimed", "request-succeeded");
        String givenUp = request("request-received", "request-given-up");

        try (StreamPipe pipe = pipe()) {
            pipe.flush();

            assertThat(lakeLines()).hasSize(2).anySatisfy(line -> assertThat(line).contains(won, "SUCCEEDED"))
                    .anySatisfy(line -> assertThat(line).contains(givenUp, "FAILED_FINAL"));
            assertThat(pipe.read()).isEqualTo(5);
            assertThat(pipe.matched()).isEqualTo(2);
            assertThat(pipe.buffered()).isZero();
            assertThat(pipe.deadLettered()).isZero();
        }
        assertThat(new ShardCheckpoints(lake.resolve("checkpoints"), ANALYTICS.sourceArn()).load())
                .containsExactly(Map.entry("shard-1", new ShardCheckpoints.Checkpoint("shard-1", sequenceNumber(5), false)));
    }

    @Test
    void aPipeHaltedMidStream_losesNothing_whenAnotherStartsFromItsCheckpoints() {
        List<String> requests = new ArrayList<>();
        StreamPipe first = pipe();
        for (int i = 0; i < 3; i++) {
            requests.add(request("request-succeeded"));
        }
        first.flush();
        for (int i = 0; i < 4; i++) {
            requests.add(request("request-claimed", "request-given-up"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.read() == 11);
        long lostWithTheCrash = first.buffered();

        first.halt();
        requests.add(request("request-succeeded"));
        try (StreamPipe second = pipe()) {
            second.flush();
        }

        assertThat(lostWithTheCrash).as("read, not yet in the lake, when the pipe stopped").isEqualTo(4);
        assertThat(lakeLines()).extracting(line -> StreamFixtures.json(line).get("requestId").asText())
                .containsExactlyInAnyOrderElementsOf(requests);
    }

    private List<String> lakeLines() {
        Path bucket = lake.resolve("analyticsbucket");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path object : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
