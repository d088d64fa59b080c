package com.rushgate.local.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rushgate.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

class ShardReaderTest {

    private static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/RequestTable/stream/2026-11-24T05:10:00.000";

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.at("2026-11-24T05:14:07Z");
    private final FakeStreamShards stream = new FakeStreamShards();

    private ShardReader reader(String startingPosition) {
        return new ShardReader("final-requests", STREAM, stream, startingPosition,
                new ShardCheckpoints(directory, STREAM), clock);
    }

    private static Record record(String sequenceNumber) {
        return StreamFixtures.sdkRecord("request-succeeded", sequenceNumber, "rq_" + sequenceNumber);
    }

    private static List<String> sequences(List<ShardReader.Read> records) {
        return records.stream().map(ShardReader.Read::sequenceNumber).toList();
    }

    @Test
    void records_areHandedOnAsPipesSeeThem() {
        stream.shard("shard-1", null).append("shard-1", StreamFixtures.sdkRecord("request-given-up"));
        ShardReader reader = reader("TRIM_HORIZON");

        reader.discover();
        List<ShardReader.Read> page = reader.poll("shard-1");

        assertThat(page).singleElement().satisfies(read -> {
            assertThat(read.sequenceNumber()).isEqualTo("400000000000000499670");
            // as JSON text: the SDK's numbers come back as longs and decimals where the fixture has ints
            assertThat(StreamFixtures.json(read.event().toString())).isEqualTo(StreamFixtures.record("request-given-up"));
        });
        assertThat(reader.read()).isEqualTo(1);
    }

    @Test
    void aNewPipe_readsTheShardsItFindsFromItsStartingPosition_andLaterShardsFromTheirOldestRecord() {
        stream.shard("shard-1", null).append("shard-1", record("1"), record("2"));
        ShardReader reader = reader("LATEST");

        reader.discover();
        List<ShardReader.Read> before = reader.poll("shard-1");
        stream.append("shard-1", record("3"));
        List<ShardReader.Read> after = reader.poll("shard-1");
        stream.shard("shard-2", null).append("shard-2", record("10"));
        reader.discover();
        List<ShardReader.Read> later = reader.poll("shard-2");

        assertThat(before).isEmpty();
        assertThat(sequences(after)).containsExactly("3");
        assertThat(sequences(later)).containsExactly("10");
        assertThat(stream.iterators()).containsExactly("shard-1 LATEST", "shard-2 TRIM_HORIZON");
    }

    @Test
    void aFreshShardThatAnswersTrimmedData_isReadAgainFromItsOldestRecord_soNothingWrittenSinceIsLost() {
        stream.shard("shard-1", null);
        ShardReader reader = reader("LATEST");
        reader.discover();

        stream.trimNextRead("shard-1");
        List<ShardReader.Read> trimmed = reader.poll("shard-1");
        stream.append("shard-1", record("1"), record("2"));
        List<ShardReader.Read> again = reader.poll("shard-1");

        assertThat(trimmed).isEmpty();
        assertThat(sequences(again)).containsExactly("1", "2");
        assertThat(stream.iterators()).containsExactly("shard-1 LATEST", "shard-1 TRIM_HORIZON");
    }

    @Test
    void recordsTrimmedAfterSomeWereRead_makeTheShardStartAgainFromItsOldestRecord() {
        stream.shard("shard-1", null).append("shard-1", record("1"), record("2"));
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discover();
        reader.poll("shard-1");

        stream.trimNextRead("shard-1");
        List<ShardReader.Read> trimmed = reader.poll("shard-1");
        List<ShardReader.Read> again = reader.poll("shard-1");

        assertThat(trimmed).isEmpty();
        assertThat(sequences(again)).containsExactly("1", "2");
        assertThat(stream.iterators()).containsExactly("shard-1 TRIM_HORIZON", "shard-1 TRIM_HORIZON");
    }

    @Test
    void anExpiredIterator_isReplacedByOneAfterTheLastRecordRead() {
        stream.shard("shard-1", null).append("shard-1", record("1"), record("2"));
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discover();
        reader.poll("shard-1");

        stream.expireNextRead("shard-1");
        List<ShardReader.Read> expired = reader.poll("shard-1");
        stream.append("shard-1", record("3"));
        List<ShardReader.Read> next = reader.poll("shard-1");

        assertThat(expired).isEmpty();
        assertThat(sequences(next)).containsExactly("3");
        assertThat(stream.iterators()).containsExactly("shard-1 TRIM_HORIZON", "shard-1 AFTER_SEQUENCE_NUMBER 2");
    }

    @Test
    void aPageWithARecordThatCannotBeConverted_leavesTheShardsPlaceBeforeThePage_soNoRecordOfItIsSkipped() {
        Record unreadable = record("2").toBuilder()
                .dynamodb(record("2").dynamodb().toBuilder().newImage(Map.of("status", AttributeValue.builder().build())).build())
                .build();
        stream.shard("shard-1", null).append("shard-1", record("1"), unreadable);
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discover();

        Throwable failure = catchThrowable(() -> reader.poll("shard-1"));
        stream.expireNextRead("shard-1");
        reader.poll("shard-1");
        catchThrowable(() -> reader.poll("shard-1"));

        assertThat(failure).isInstanceOf(RuntimeException.class);
        assertThat(reader.read()).isZero();
        assertThat(stream.iterators()).as("the new iterator starts where the failed page did")
                .containsExactly("shard-1 TRIM_HORIZON", "shard-1 TRIM_HORIZON");
    }

    @Test
    void afterASplit_aChildIsReadOnlyOnceItsParentIsClosedAndSettled() {
        stream.shard("parent", null).append("parent", record("1"), record("2"));
        stream.shard("child", "parent").append("child", record("3"));
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discover();

        boolean childWhileParentOpen = reader.readable("child", shard -> true);
        stream.close("parent");
        reader.poll("parent");
        boolean childWhileParentUnsettled = reader.readable("child", shard -> false);
        boolean childOnceSettled = reader.readable("child", shard -> true);

        assertThat(childWhileParentOpen).isFalse();
        assertThat(reader.closed("parent")).isTrue();
        assertThat(reader.readable("parent", shard -> true)).as("a closed shard is read to its end").isFalse();
        assertThat(childWhileParentUnsettled).isFalse();
        assertThat(childOnceSettled).isTrue();
        assertThat(sequences(reader.poll("child"))).containsExactly("3");
    }

    @Test
    void aShardThatCloses_makesTheReaderLookForItsChildrenAtOnce() {
        stream.shard("parent", null).append("parent", record("1"));
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discoverIfDue();
        stream.shard("child", "parent");

        clock.advance(Duration.ofSeconds(1));
        reader.discoverIfDue();
        List<String> beforeTheParentCloses = reader.shards();
        stream.close("parent");
        reader.poll("parent");
        reader.discoverIfDue();

        assertThat(beforeTheParentCloses).containsExactly("parent");
        assertThat(reader.shards()).containsExactly("parent", "child");
    }

    @Test
    void checkpoints_keepWhatWasHanded_andANewReaderStartsAfterThem() {
        stream.shard("shard-1", null).append("shard-1", record("1"), record("2"), record("3"));
        stream.shard("shard-2", null).append("shard-2", record("10"));
        stream.close("shard-2");
        ShardReader first = reader("TRIM_HORIZON");
        first.discover();
        first.poll("shard-1");
        first.poll("shard-2");
        first.handed("shard-1", "2");
        first.handed("shard-2", "10");

        first.checkpoint(shard -> shard.equals("shard-2"));
        stream.shard("shard-3", null).append("shard-3", record("20"));
        ShardReader second = reader("LATEST");
        second.discover();

        assertThat(new ShardCheckpoints(directory, STREAM).load()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "shard-1", new ShardCheckpoints.Checkpoint("shard-1", "2", false),
                "shard-2", new ShardCheckpoints.Checkpoint("shard-2", "10", true)));
        assertThat(second.readable("shard-2", shard -> true)).as("a finished shard is not read again").isFalse();
        assertThat(sequences(second.poll("shard-1"))).containsExactly("3");
        assertThat(sequences(second.poll("shard-3"))).as("with checkpoints, every shard is read from its start")
                .containsExactly("20");
        assertThat(stream.iterators()).endsWith("shard-1 AFTER_SEQUENCE_NUMBER 2", "shard-3 TRIM_HORIZON");
    }

    @Test
    void checkpoint_savesNothing_whileNothingWasHanded() {
        stream.shard("shard-1", null).append("shard-1", record("1"));
        ShardReader reader = reader("TRIM_HORIZON");
        reader.discover();
        reader.poll("shard-1");

        reader.checkpoint(shard -> false);

        assertThat(new ShardCheckpoints(directory, STREAM).load()).isEmpty();
    }
}
