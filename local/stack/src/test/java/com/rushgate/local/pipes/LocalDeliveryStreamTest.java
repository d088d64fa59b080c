package com.rushgate.local.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.template.StackModel.DeliveryStreamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeliveryStreamTest {

    @TempDir
    Path lake;

    private final MutableClock clock = MutableClock.at("2026-11-24T23:59:58Z");

    private static DeliveryStreamSpec spec(int intervalSeconds, int sizeMb, List<Map.Entry<String, Map<String, String>>> processors) {
        return new DeliveryStreamSpec("Delivery", "rushgate-final-requests", "arn:aws:firehose:us-east-1:000000000000:deliverystream/x",
                "lakebucket", "records/dt=!{timestamp:yyyy-MM-dd}/", "errors/!{firehose:error-output-type}/", intervalSeconds,
                sizeMb, "GZIP", null, processors, "UTC");
    }

    private static final List<Map.Entry<String, Map<String, String>>> NEWLINES =
            List.of(Map.entry("AppendDelimiterToRecord", Map.of()));

    @Test
    void templateStream_isReadAsTheLocalStackWritesIt() {
        DeliveryStreamSpec template = StreamFixtures.model().deliveryStreams().get(0);

        assertThat(template.prefix()).isEqualTo("records/dt=!{timestamp:yyyy-MM-dd}/");
        assertThat(template.compression()).isEqualTo("GZIP");
        assertThat(template.bufferIntervalSeconds()).isEqualTo(60);
        assertThat(template.bufferSizeMb()).isEqualTo(64);
        assertThat(template.processors()).extracting(Map.Entry::getKey).containsExactly("AppendDelimiterToRecord");
        assertThat(template.bucketName()).isEqualTo("analyticsbucket");
    }

    @Test
    void buffer_isWrittenWhenItsOldestRecordHasWaitedTheInterval_asOneGzipObjectOfLines() throws IOException {
        LocalDeliveryStream delivery = new LocalDeliveryStream(spec(60, 64, NEWLINES), lake, clock);

        delivery.put(List.of("{\"a\":1}", "{\"a\":2}"));
        clock.advance(Duration.ofSeconds(30));
        delivery.put(List.of("{\"a\":3}"));
        clock.advance(Duration.ofSeconds(29));
        boolean early = delivery.flushIfDue();
        clock.advance(Duration.ofSeconds(1));
        boolean due = delivery.flushIfDue();

        assertThat(early).isFalse();
        assertThat(due).isTrue();
        assertThat(delivery.isEmpty()).isTrue();
        List<Path> objects = objects();
        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(lake.resolve("lakebucket").relativize(object).toString())
                    .as("the partition is the oldest record's day, as Firehose names it")
                    .matches("records/dt=2026-11-24/rushgate-final-requests-1-2026-11-24-23-59-58-[0-9a-f-]{36}\\.gz");
            assertThat(read(object)).isEqualTo("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
        });
        assertThat(delivery.deliveredRecords()).isEqualTo(3);
        try (Stream<Path> staging = Files.list(lake.resolve(LocalDeliveryStream.STAGING))) {
            assertThat(staging).as("nothing left half-written").isEmpty();
        }
    }

    @Test
    void buffer_isWrittenAtOnceWhenItReachesItsSize() throws IOException {
        LocalDeliveryStream delivery = new LocalDeliveryStream(spec(900, 1, NEWLINES), lake, clock);
        String record = "x".repeat(600 * 1024);

        delivery.put(List.of(record));
        assertThat(objects()).isEmpty();
        delivery.put(List.of(record));

        assertThat(objects()).hasSize(1);
        assertThat(delivery.buffered()).isZero();
    }

    @Test
    void withoutTheDelimiterProcessor_recordsAreConcatenatedAsFirehoseDoes() throws IOException {
        LocalDeliveryStream delivery = new LocalDeliveryStream(spec(60, 64, List.of()), lake, clock);

        delivery.put(List.of("{\"a\":1}", "{\"a\":2}"));
        delivery.flush();

        assertThat(read(objects().get(0))).isEqualTo("{\"a\":1}{\"a\":2}");
    }

    @Test
    void whatIsNotEmulated_isRefusedAtStart() {
        assertThatThrownBy(() -> new LocalDeliveryStream(spec(60, 64, List.of(Map.entry("Lambda", Map.of()))), lake, clock))
                .hasMessageContaining("Lambda");
        assertThatThrownBy(() -> new FirehosePrefix("x/!{partitionKeyFromQuery:id}/", ZoneOffset.UTC))
                .hasMessageContaining("dynamic partitioning");
    }

    @Test
    void prefix_withoutTimestamp_getsFirehosesDefaultHourlyFolders() {
        Instant arrival = Instant.parse("2026-03-04T05:06:07Z");

        assertThat(new FirehosePrefix("raw/", ZoneOffset.UTC).evaluate(arrival, null)).isEqualTo("raw/2026/03/04/05/");
        assertThat(new FirehosePrefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy}/", ZoneOffset.UTC)
                .evaluate(arrival, "processing-failed")).isEqualTo("errors/processing-failed/2026/");
    }

    @Test
    void checkpoints_roundTrip_andIgnoreAnotherStreamsFiles() {
        ShardCheckpoints mine = new ShardCheckpoints(lake.resolve("checkpoints"), "arn:stream/1");
        ShardCheckpoints other = new ShardCheckpoints(lake.resolve("checkpoints"), "arn:stream/2");

        mine.save(new ShardCheckpoints.Checkpoint("shardId-0001", "4000000001", false));
        mine.save(new ShardCheckpoints.Checkpoint("shardId-0001", "4000000009", true));

        assertThat(mine.load()).containsExactly(Map.entry("shardId-0001",
                new ShardCheckpoints.Checkpoint("shardId-0001", "4000000009", true)));
        assertThat(other.load()).isEmpty();
    }

    private List<Path> objects() throws IOException {
        Path bucket = lake.resolve("lakebucket");
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String read(Path object) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
