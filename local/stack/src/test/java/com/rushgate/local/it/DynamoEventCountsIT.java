package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.StatusChange.Kind;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.aws.CountsItem;
import com.rushgate.core.aws.DynamoCountsLedger;
import com.rushgate.core.aws.DynamoEventCounts;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The counts' ledger and reader on the CountsTable of DynamoDB Local, with the real SDK: changes of
 * one stream shard applied once whatever the redeliveries, and read back with one Query.
 */
class DynamoEventCountsIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static LocalStack stack;
    private static DynamoCountsLedger ledger;
    private static DynamoEventCounts counts;
    private static String table;

    private long sequence = 1_000;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        table = stack.model().table("CountsTable").name();
        ledger = new DynamoCountsLedger(stack.clients().dynamoDb(), table);
        counts = new DynamoEventCounts(stack.clients().dynamoDb(), table, 5);
    }

    private StatusChange insert(String eventId) {
        return new StatusChange(BigInteger.valueOf(sequence++), eventId, Kind.INSERT, null, null, RequestStatus.RECEIVED,
                null, null, null, NOW);
    }

    private StatusChange move(String eventId, RequestStatus from, RequestStatus to, String reason, Long latency,
                              Instant decidedAt) {
        return new StatusChange(BigInteger.valueOf(sequence++), eventId, Kind.MODIFY, from, null, to, reason, latency,
                decidedAt, decidedAt == null ? NOW : decidedAt);
    }

    /** A worker's life for {@code n} requests: recorded, queued, claimed; all but the last two won, those sold out. */
    private List<StatusChange> workerShaped(String eventId, int n) {
        List<StatusChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            changes.add(insert(eventId));
        }
        for (int i = 0; i < n; i++) {
            changes.add(move(eventId, RequestStatus.RECEIVED, RequestStatus.QUEUED, null, null, null));
            changes.add(move(eventId, RequestStatus.QUEUED, RequestStatus.PROCESSING, null, null, null));
        }
        for (int i = 0; i < n; i++) {
            boolean soldOut = i >= n - 2;
            changes.add(move(eventId, RequestStatus.PROCESSING, soldOut ? RequestStatus.REJECTED : RequestStatus.SUCCEEDED,
                    soldOut ? "SOLD_OUT" : null, 100L + 10L * i, NOW));
        }
        return changes;
    }

    @Test
    void apply_ofAWorkerShapedSequence_countsEachRequestInItsLastState() {
        String eventId = SharedStack.newEventId("counts-worker");

        int writes = ledger.apply(eventId, "shard-a", workerShaped(eventId, 10));

        Counts read = counts.read(eventId, NOW);
        assertThat(writes).isEqualTo(1);
        assertThat(read.accepted()).isEqualTo(10);
        assertThat(read.succeeded()).isEqualTo(8);
        assertThat(read.rejected()).isEqualTo(Map.of("SOLD_OUT", 2L));
        assertThat(read.inFlight()).isEmpty();
        assertThat(read.failed()).isZero();
        assertThat(read.countedThrough()).isEqualTo(NOW);
        // latencies 100..190 ms: the nearest-rank p95 is 190, read within 10% above
        assertThat(read.decisionLatencyP95Ms()).isBetween(190L, 210L);
        assertThat(read.latencyWindowMinutes()).isEqualTo(5);
    }

    @Test
    void apply_ofABatchDeliveredTwice_countsItOnce() {
        String eventId = SharedStack.newEventId("counts-twice");
        List<StatusChange> batch = workerShaped(eventId, 4);

        ledger.apply(eventId, "shard-a", batch);
        int again = ledger.apply(eventId, "shard-a", batch);

        Counts read = counts.read(eventId, NOW);
        assertThat(again).as("one refused write, nothing left to apply").isEqualTo(1);
        assertThat(read.accepted()).isEqualTo(4);
        assertThat(read.succeeded()).isEqualTo(2);
        assertThat(read.rejected()).isEqualTo(Map.of("SOLD_OUT", 2L));
        assertThat(read.decisionLatencyP95Ms()).isBetween(130L, 150L);
    }

    @Test
    void apply_ofARedeliveryThatGoesFurther_countsOnlyTheNewChanges() {
        String eventId = SharedStack.newEventId("counts-further");
        List<StatusChange> first = List.of(insert(eventId), insert(eventId));
        List<StatusChange> more = List.of(move(eventId, RequestStatus.RECEIVED, RequestStatus.QUEUED, null, null, null),
                insert(eventId));
        ledger.apply(eventId, "shard-a", first);

        List<StatusChange> redelivered = new ArrayList<>(first);
        redelivered.addAll(more);
        int writes = ledger.apply(eventId, "shard-a", redelivered);

        Counts read = counts.read(eventId, NOW);
        assertThat(writes).as("refused, then the changes after the applied point").isEqualTo(2);
        assertThat(read.accepted()).isEqualTo(3);
        assertThat(read.inFlight()).isEqualTo(Map.of("RECEIVED", 2L, "QUEUED", 1L));
    }

    @Test
    void apply_fromTwoShards_keepsAnAppliedPointForEach() {
        String eventId = SharedStack.newEventId("counts-shards");
        List<StatusChange> fromA = List.of(insert(eventId));
        sequence -= 500; // another shard's sequence numbers are not ordered with these
        List<StatusChange> fromB = List.of(insert(eventId), insert(eventId));

        ledger.apply(eventId, "shard-a", fromA);
        ledger.apply(eventId, "shard-b", fromB);
        ledger.apply(eventId, "shard-a", fromA);

        assertThat(counts.read(eventId, NOW).accepted()).isEqualTo(3);
    }

    @Test
    void apply_ofFailuresAndARedrive_countsFailedNowAndTheRedrivenInFlight() {
        String eventId = SharedStack.newEventId("counts-failed");
        ledger.apply(eventId, "shard-a", List.of(insert(eventId), insert(eventId),
                move(eventId, RequestStatus.RECEIVED, RequestStatus.FAILED_FINAL, null, 40L, NOW),
                move(eventId, RequestStatus.RECEIVED, RequestStatus.FAILED_FINAL, null, 40L, NOW),
                move(eventId, RequestStatus.FAILED_FINAL, RequestStatus.QUEUED, null, null, null)));

        Counts read = counts.read(eventId, NOW);

        assertThat(read.failed()).isEqualTo(1);
        assertThat(read.inFlight()).isEqualTo(Map.of("QUEUED", 1L));
        assertThat(read.decisionLatencyP95Ms()).as("a failure is not a decision").isNull();
    }

    @Test
    void read_leavesOutTheLatencyOfMinutesBeforeTheWindow_andLatencySlotsExpireADayOn() {
        String eventId = SharedStack.newEventId("counts-window");
        Instant longAgo = NOW.minus(10, ChronoUnit.MINUTES);
        ledger.apply(eventId, "shard-a", List.of(insert(eventId),
                move(eventId, RequestStatus.PROCESSING, RequestStatus.SUCCEEDED, null, 5_000L, longAgo)));

        Counts read = counts.read(eventId, NOW);

        assertThat(read.succeeded()).isEqualTo(1);
        assertThat(read.decisionLatencyP95Ms()).isNull();
        Map<String, AttributeValue> slot = stack.clients().dynamoDb().getItem(get -> get.tableName(table).key(Map.of(
                CountsItem.EVENT_ID, AttributeValue.fromS(eventId),
                CountsItem.SLOT, AttributeValue.fromS(CountsItem.latencySlot(longAgo))))).item();
        long expiresAt = Long.parseLong(slot.get(CountsItem.EXPIRES_AT).n());
        assertThat(expiresAt).isBetween(longAgo.plus(1, ChronoUnit.DAYS).getEpochSecond() - 60,
                longAgo.plus(1, ChronoUnit.DAYS).getEpochSecond());
    }

    @Test
    void read_ofAnEventNeverCounted_isAllZero() {
        assertThat(counts.read(SharedStack.newEventId("counts-none"), NOW)).isEqualTo(Counts.none(5));
    }
}
