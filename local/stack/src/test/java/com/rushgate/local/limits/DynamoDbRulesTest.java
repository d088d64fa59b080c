package com.rushgate.local.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Each DynamoDB rule of docs/aws-limits.md against its figure, on a clock the test moves. */
class DynamoDbRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SCALE = 0.1;

    private final AtomicLong clock = new AtomicLong(1);
    private final TableShape table = new TableShape("T", "pk", null,
            List.of(new TableShape.Index("ByGroup", "group", null, "KEYS_ONLY", Set.of())),
            AwsLimits.ON_DEMAND_WARM_WRITE_UNITS, AwsLimits.ON_DEMAND_WARM_READ_UNITS);
    private final TableShape warmed = new TableShape("W", "pk", null, List.of(), 50_000, 150_000);
    private final Throughput throughput = new Throughput(new AwsLimits(SCALE), clock::get,
            Map.of("T", table, "W", warmed)::get);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Charge write(String table, String partition, double units) {
        return new Charge(table, null, partition, units, true);
    }

    @Test
    void writeUnits_arePerStartedKilobyte_readUnitsPerStarted4Kilobytes_eventuallyConsistentHalf() {
        assertThat(ItemSize.writeUnits(0)).isEqualTo(1);
        assertThat(ItemSize.writeUnits(AwsLimits.WRITE_UNIT_BYTES)).isEqualTo(1);
        assertThat(ItemSize.writeUnits(AwsLimits.WRITE_UNIT_BYTES + 1)).isEqualTo(2);
        assertThat(ItemSize.readUnits(AwsLimits.READ_UNIT_BYTES, true)).isEqualTo(1);
        assertThat(ItemSize.readUnits(AwsLimits.READ_UNIT_BYTES + 1, true)).isEqualTo(2);
        assertThat(ItemSize.readUnits(AwsLimits.READ_UNIT_BYTES + 1, false)).isEqualTo(1);
        assertThat(ItemSize.readUnits(10, false)).isEqualTo(0.5);
    }

    @Test
    void itemSize_countsNamesAndValues_byDynamoDbsRules() {
        // "pk"(2) + "abc"(3) + "n"(1) + 12345 (5 digits: 3+1) + "ok"(2) + true(1) + "l"(1) + list(3 + 1 + "x"(1))
        assertThat(ItemSize.of(json("{\"pk\":{\"S\":\"abc\"},\"n\":{\"N\":\"12345\"},\"ok\":{\"BOOL\":true},"
                + "\"l\":{\"L\":[{\"S\":\"x\"}]}}"))).isEqualTo(2 + 3 + 1 + 4 + 2 + 1 + 1 + 5);
    }

    @Test
    void partition_servesItsWriteUnitsPerSecond_thenThrottles_untilTheClockRefillsIt() {
        double perPartition = AwsLimits.PARTITION_WRITE_UNITS * SCALE;
        for (int i = 0; i < perPartition; i++) {
            assertThat(throughput.reserve(List.of(write("T", "hot", 1)))).isEmpty();
        }
        assertThat(throughput.reserve(List.of(write("T", "hot", 1))))
                .containsExactly(new Throughput.Throttle("TableWriteKeyRangeThroughputExceeded", "T",
                        "ProvisionedThroughputExceededException"));
        assertThat(throughput.reserve(List.of(write("T", "other", 1)))).isEmpty();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(throughput.reserve(List.of(write("T", "hot", 1)))).isEmpty();
    }

    @Test
    void partition_servesItsReadUnitsPerSecond() {
        double perPartition = AwsLimits.PARTITION_READ_UNITS * SCALE;
        for (int i = 0; i < perPartition * 2; i++) {
            assertThat(throughput.reserve(List.of(new Charge("T", null, "hot", 0.5, false)))).isEmpty();
        }
        assertThat(throughput.reserve(List.of(new Charge("T", null, "hot", 0.5, false))))
                .extracting(Throughput.Throttle::reason).containsExactly("TableReadKeyRangeThroughputExceeded");
    }

    @Test
    void table_servesItsOnDemandWarmThroughput_overAllItsPartitions() {
        double perTable = AwsLimits.ON_DEMAND_WARM_WRITE_UNITS * SCALE;
        for (int i = 0; i < perTable; i++) {
            assertThat(throughput.reserve(List.of(write("T", "k" + i, 1)))).isEmpty();
        }
        assertThat(throughput.reserve(List.of(write("T", "one-more", 1))))
                .extracting(Throughput.Throttle::resource).containsExactly("T");
    }

    @Test
    void warmThroughput_beyondThePerTableAccountQuota_isCappedThere_withThrottlingException() {
        double quota = AwsLimits.TABLE_ACCOUNT_QUOTA_UNITS * SCALE;
        for (int i = 0; i < quota; i++) {
            assertThat(throughput.reserve(List.of(write("W", "k" + i, 1)))).isEmpty();
        }
        assertThat(throughput.reserve(List.of(write("W", "one-more", 1))))
                .containsExactly(new Throughput.Throttle("TableWriteAccountLimitExceeded", "W", "ThrottlingException"));
    }

    @Test
    void aThrottledIndexPartition_refusesTheWholeWrite_andTakesNothing() {
        Charge index = new Charge("T", "ByGroup", "g", AwsLimits.PARTITION_WRITE_UNITS * SCALE, true);
        assertThat(throughput.reserve(List.of(write("T", "a", 1), index))).isEmpty();
        List<Throughput.Throttle> refused = throughput.reserve(List.of(write("T", "b", 1),
                new Charge("T", "ByGroup", "g", 1, true)));
        assertThat(refused).containsExactly(new Throughput.Throttle("IndexWriteKeyRangeThroughputExceeded",
                "T/index/ByGroup", "ProvisionedThroughputExceededException"));
        // the base partition "b" was not charged by the refused call
        for (int i = 0; i < AwsLimits.PARTITION_WRITE_UNITS * SCALE; i++) {
            assertThat(throughput.reserve(List.of(write("T", "b", 1)))).isEmpty();
        }
    }

    @Test
    void settling_moreThanReserved_leavesDebt_thatThrottlesUntilRefilled() {
        Charge small = write("T", "d", 1);
        throughput.reserve(List.of(small));
        throughput.settle(List.of(small), List.of(write("T", "d", AwsLimits.PARTITION_WRITE_UNITS * SCALE * 2)));
        assertThat(throughput.reserve(List.of(small))).isNotEmpty();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(throughput.reserve(List.of(small))).isNotEmpty();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(throughput.reserve(List.of(small))).isEmpty();
    }

    @Test
    void transactionalWrites_costTwice_indexWritesOnce() {
        ItemInfo after = table.info(json("{\"pk\":{\"S\":\"a\"},\"group\":{\"S\":\"g\"}}"));
        List<Charge> charges = WriteCosts.of(table, "a", null, after, AwsLimits.TRANSACTION_FACTOR);
        assertThat(charges).extracting(Charge::resource, Charge::units)
                .containsExactly(Tuple.tuple("T", 2.0),
                        Tuple.tuple("T/index/ByGroup", 1.0));
    }

    @Test
    void indexWrites_zeroWhenNothingProjectedChanges_twoWhenTheIndexKeyMoves_oneWhenTheEntryGoes() {
        ItemInfo g1 = table.info(json("{\"pk\":{\"S\":\"a\"},\"group\":{\"S\":\"g1\"},\"other\":{\"S\":\"x\"}}"));
        ItemInfo g1changed = table.info(json("{\"pk\":{\"S\":\"a\"},\"group\":{\"S\":\"g1\"},\"other\":{\"S\":\"y\"}}"));
        ItemInfo g2 = table.info(json("{\"pk\":{\"S\":\"a\"},\"group\":{\"S\":\"g2\"}}"));
        ItemInfo gone = table.info(json("{\"pk\":{\"S\":\"a\"}}"));
        assertThat(WriteCosts.of(table, "a", g1, g1changed, 1)).extracting(Charge::index).containsExactly((String) null);
        assertThat(WriteCosts.of(table, "a", g1, g2, 1)).extracting(Charge::index, Charge::partition)
                .containsExactly(Tuple.tuple(null, "a"),
                        Tuple.tuple("ByGroup", "{\"S\":\"g1\"}"),
                        Tuple.tuple("ByGroup", "{\"S\":\"g2\"}"));
        assertThat(WriteCosts.of(table, "a", g2, gone, 1)).extracting(Charge::index)
                .containsExactly(null, "ByGroup");
    }

    @Test
    void transactions_conflictOnSharedItems_singleWritesOnItemsInsideOne_readsOnAnyWrite() {
        InflightTransactions inflight = new InflightTransactions();
        assertThat(inflight.beginTransaction(List.of("stock", "a"))).isNull();
        assertThat(inflight.beginTransaction(List.of("b", "stock"))).containsExactly(false, true);
        assertThat(inflight.beginWrite("stock")).isFalse();
        assertThat(inflight.beginWrite("c")).isTrue();
        assertThat(inflight.readConflicts(List.of("c", "d"))).containsExactly(true, false);
        inflight.endTransaction(List.of("stock", "a"));
        inflight.endWrite("c");
        assertThat(inflight.beginTransaction(List.of("b", "stock"))).isNull();
        assertThat(inflight.readConflicts(List.of("c", "d"))).isNull();
    }

    @Test
    void queryPartition_isTheHashKeysEqualityValue() {
        JsonNode query = json("{\"KeyConditionExpression\":\"#p = :v AND inflightAt < :t\","
                + "\"ExpressionAttributeNames\":{\"#p\":\"inflightPk\"},"
                + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"STATUS#01\"},\":t\":{\"N\":\"5\"}}}");
        assertThat(KeyConditions.partition(query, "inflightPk")).isEqualTo("{\"S\":\"STATUS#01\"}");
        assertThat(KeyConditions.partition(query, "other")).isNull();
    }

    @Test
    void scale_multipliesRatesAndCounts_neverBelowOne_andMustBeAFraction() {
        AwsLimits limits = new AwsLimits(0.05);
        assertThat(limits.partitionWriteUnits()).isEqualTo(50);
        assertThat(limits.tableWriteUnits(AwsLimits.ON_DEMAND_WARM_WRITE_UNITS)).isEqualTo(200);
        assertThat(limits.accountConcurrency()).isEqualTo(50);
        assertThat(limits.count(AwsLimits.SQS_INITIAL_CONCURRENT_BATCHES)).isEqualTo(1);
        assertThatThrownBy(() -> new AwsLimits(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AwsLimits(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
