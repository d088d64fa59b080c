package com.rushgate.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.StatusChange.Kind;
import com.rushgate.core.domain.RequestStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamBatchTest {

    static String record(String name, String sequence, String oldImage, String newImage) {
        return "{\"eventID\":\"e" + sequence + "\",\"eventName\":\"" + name + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1796119200.25,\"Keys\":{\"requestId\":{\"S\":\"rq_1\"}},"
                + (oldImage == null ? "" : "\"OldImage\":" + oldImage + ",")
                + (newImage == null ? "" : "\"NewImage\":" + newImage + ",")
                + "\"SequenceNumber\":\"" + sequence + "\",\"SizeBytes\":120,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:000000000000:table/requests/stream/2026\"}";
    }

    static String image(String eventId, String status, String extra) {
        return "{\"requestId\":{\"S\":\"rq_1\"},\"eventId\":{\"S\":\"" + eventId + "\"},\"status\":{\"S\":\"" + status + "\"}"
                + (extra == null ? "" : "," + extra) + "}";
    }

    static byte[] batch(String shardId, String... records) {
        return ("{\"Records\":[" + String.join(",", records) + "],\"window\":{\"start\":\"2026-12-01T10:00:00Z\","
                + "\"end\":\"2026-12-01T10:01:00Z\"},\"state\":{},\"shardId\":" + (shardId == null ? "null" : "\"" + shardId + "\"")
                + ",\"eventSourceARN\":\"arn\",\"isFinalInvokeForWindow\":false,\"isWindowTerminatedEarly\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parse_ofAWindowBatch_readsEachRequestsChangeInOrder() {
        byte[] payload = batch("shardId-1",
                record("INSERT", "000000000000000000101", null, image("drop-1", "RECEIVED", null)),
                record("MODIFY", "000000000000000000102", image("drop-1", "PROCESSING", null), image("drop-1", "REJECTED",
                        "\"reason\":{\"S\":\"SOLD_OUT\"},\"latencyMs\":{\"N\":\"412\"},\"completedAt\":{\"S\":\"2026-12-01T10:00:01.500Z\"}")),
                record("REMOVE", "000000000000000000103", image("drop-1", "SUCCEEDED", null), null));

        StreamBatch batch = StreamBatch.parse(payload);

        assertThat(batch.shardId()).isEqualTo("shardId-1");
        assertThat(batch.records()).isEqualTo(3);
        assertThat(batch.changes()).extracting(StatusChange::kind).containsExactly(Kind.INSERT, Kind.MODIFY, Kind.REMOVE);
        StatusChange rejected = batch.changes().get(1);
        assertThat(rejected.oldStatus()).isEqualTo(RequestStatus.PROCESSING);
        assertThat(rejected.newStatus()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejected.newReason()).isEqualTo("SOLD_OUT");
        assertThat(rejected.latencyMillis()).isEqualTo(412L);
        assertThat(rejected.decidedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:01.500Z"));
        assertThat(rejected.recordedAt()).isEqualTo(Instant.ofEpochMilli(1796119200250L));
        assertThat(batch.sequences()).containsEntry(new BigInteger("102"), "000000000000000000102");
        assertThat(batch.changes().get(2).eventId()).isEqualTo("drop-1");
    }

    @Test
    void parse_ofARecordThatIsNotARequests_skipsIt() {
        StreamBatch batch = StreamBatch.parse(batch("s",
                record("INSERT", "1", null, "{\"requestId\":{\"S\":\"x\"}}"),
                record("INSERT", "2", null, image("drop-1", "LOST_IN_SPACE", null)),
                record("INSERT", "3", null, image("drop-1", "RECEIVED", null))));

        assertThat(batch.records()).isEqualTo(3);
        assertThat(batch.changes()).extracting(StatusChange::sequenceNumber).containsExactly(BigInteger.valueOf(3));
    }

    @Test
    void parse_ofRecordsWithoutAShardId_isRefused() {
        assertThatThrownBy(() -> StreamBatch.parse(batch(null, record("INSERT", "1", null, image("e", "RECEIVED", null)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tumbling window");
    }

    @Test
    void parse_ofAWindowsFinalCallWithoutRecords_isAnEmptyBatch() {
        StreamBatch batch = StreamBatch.parse(batch(null));

        assertThat(batch.changes()).isEmpty();
    }
}
