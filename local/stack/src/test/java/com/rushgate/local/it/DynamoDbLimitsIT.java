package com.rushgate.local.it;

import static com.rushgate.local.it.LimitsTables.ACCOUNT;
import static com.rushgate.local.it.LimitsTables.INDEX;
import static com.rushgate.local.it.LimitsTables.TABLE;
import static com.rushgate.local.it.LimitsTables.WARM_TABLE;
import static com.rushgate.local.it.LimitsTables.client;
import static com.rushgate.local.it.LimitsTables.item;
import static com.rushgate.local.it.LimitsTables.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import com.rushgate.local.limits.LimitsCounters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The DynamoDB limits proxy's throughput in front of DynamoDB Local, driven by the real SDK. Scale
 * 0.01 makes the figures small (a partition: 10 write units/s, 30 read units/s; a table: 40 write
 * units/s) and the proxy's clock only moves when a test moves it, so every ceiling is exact.
 * {@link TransactionConflictsIT} covers the conflicts.
 */
class DynamoDbLimitsIT {

    private static LimitsTables tables;
    private static final AtomicLong clock = new AtomicLong();
    private static DynamoDbLimitsProxy proxy;

    @BeforeAll
    static void start() {
        tables = LimitsTables.start();
        proxy = DynamoDbLimitsProxy.start(new AwsLimits(0.01), tables.dynamoDbLocal(),
                Map.of(WARM_TABLE, new double[] {8_000, 24_000}), "us-east-1", ACCOUNT, 0, clock::get);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        tables.close();
    }

    private static void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void hotKey_beyondItsPartitionsWriteUnits_isThrottledWithTheKeyRangeReason() {
        advanceSeconds(10);
        String hot = unique("hot");
        try (DynamoDbClient dynamoDb = client(proxy, false)) {
            // given: a partition serves 10 write units per second at scale 0.01; each put costs 1
            for (int i = 0; i < 10; i++) {
                dynamoDb.putItem(p -> p.tableName(TABLE).item(item(hot, unique("g"), 100)));
            }
            long throttledBefore = proxy.counters().throttledRequests();

            // when / then
            assertThatThrownBy(() -> dynamoDb.putItem(p -> p.tableName(TABLE).item(item(hot, unique("g"), 100))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(e.throttlingReasons()).extracting(ThrottlingReason::reason, ThrottlingReason::resource)
                                .containsExactly(tuple("TableWriteKeyRangeThroughputExceeded",
                                        "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + TABLE));
                    });
            assertThat(proxy.counters().throttledRequests()).isEqualTo(throttledBefore + 1);
            // another key is another partition
            dynamoDb.putItem(p -> p.tableName(TABLE).item(item(unique("cold"), unique("g"), 100)));
            // a second later the partition has refilled
            advanceSeconds(1);
            dynamoDb.putItem(p -> p.tableName(TABLE).item(item(hot, unique("g"), 100)));
        }
    }

    @Test
    void table_beyondItsWarmThroughput_isThrottled_unlessTheTemplateWarmedIt() {
        advanceSeconds(10);
        try (DynamoDbClient dynamoDb = client(proxy, false)) {
            // the default on-demand warm throughput: 4,000 writes/s, x 0.01 = 40 write units/s over every key
            for (int i = 0; i < 40; i++) {
                dynamoDb.putItem(p -> p.tableName(TABLE).item(item(unique("spread"), unique("g"), 10)));
            }
            assertThatThrownBy(() -> dynamoDb.putItem(p -> p.tableName(TABLE).item(item(unique("spread"), unique("g"), 10))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e ->
                            assertThat(e.throttlingReasons()).extracting(ThrottlingReason::resource)
                                    .contains("arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + TABLE));
            // WarmTable is warmed to 8,000 writes/s: 80 write units/s at this scale (its index keeps the default 40)
            for (int i = 0; i < 41; i++) {
                dynamoDb.putItem(p -> p.tableName(WARM_TABLE)
                        .item(Map.of("pk", AttributeValue.fromS(unique("spread")))));
            }
        }
    }

    @Test
    void units_followItemSize_consistency_andTransactions() {
        advanceSeconds(10);
        String key = unique("sized");
        try (DynamoDbClient dynamoDb = client(proxy, false)) {
            // 2.5 KB: 3 write units; read: 1 unit strongly consistent, half eventually consistent
            ConsumedCapacity put = dynamoDb.putItem(p -> p.tableName(WARM_TABLE)
                    .item(Map.of("pk", AttributeValue.fromS(key), "pad", AttributeValue.fromS("x".repeat(2500))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
            assertThat(put.capacityUnits()).isEqualTo(3.0);
            assertThat(put.tableName()).isEqualTo(WARM_TABLE);
            assertThat(dynamoDb.getItem(g -> g.tableName(WARM_TABLE).key(Map.of("pk", AttributeValue.fromS(key)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits()).isEqualTo(0.5);
            assertThat(dynamoDb.getItem(g -> g.tableName(WARM_TABLE).key(Map.of("pk", AttributeValue.fromS(key)))
                    .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity()
                    .capacityUnits()).isEqualTo(1.0);
            // a transaction of two small items: 2 x 2 write units
            List<ConsumedCapacity> transaction = dynamoDb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(WARM_TABLE).item(Map.of("pk", AttributeValue.fromS(unique("t"))))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(WARM_TABLE).item(Map.of("pk", AttributeValue.fromS(unique("t"))))).build())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
            assertThat(transaction).singleElement().satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(4.0));
        }
    }

    @Test
    void hotIndexKey_throttlesTheBaseTableWrite_andNothingIsWritten() {
        advanceSeconds(10);
        String group = unique("hot-group");
        try (DynamoDbClient dynamoDb = client(proxy, false)) {
            // every put is on its own base partition, but on one index partition (10 write units/s)
            ConsumedCapacity first = dynamoDb.putItem(p -> p.tableName(TABLE).item(item(unique("k"), group, 10))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
            assertThat(first.capacityUnits()).isEqualTo(2.0);
            assertThat(first.table().capacityUnits()).isEqualTo(1.0);
            assertThat(first.globalSecondaryIndexes().get(INDEX).capacityUnits()).isEqualTo(1.0);
            for (int i = 1; i < 10; i++) {
                dynamoDb.putItem(p -> p.tableName(TABLE).item(item(unique("k"), group, 10)));
            }
            String refused = unique("k");
            assertThatThrownBy(() -> dynamoDb.putItem(p -> p.tableName(TABLE).item(item(refused, group, 10))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e ->
                            assertThat(e.throttlingReasons()).extracting(ThrottlingReason::reason, ThrottlingReason::resource)
                                    .containsExactly(tuple("IndexWriteKeyRangeThroughputExceeded",
                                            "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + TABLE + "/index/" + INDEX)));
            assertThat(tables.direct().getItem(g -> g.tableName(TABLE).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS(refused)))).hasItem()).isFalse();
        }
        LimitsCounters.Snapshot counters = proxy.counters();
        assertThat(counters.writeUnits().get(TABLE + "/index/" + INDEX)).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void sdkRetries_meetTheThrottleAgain_andEachAttemptIsCounted() {
        advanceSeconds(10);
        String hot = unique("retried");
        try (DynamoDbClient dynamoDb = client(proxy, true)) {
            for (int i = 0; i < 10; i++) {
                dynamoDb.putItem(p -> p.tableName(WARM_TABLE).item(Map.of("pk", AttributeValue.fromS(hot))));
            }
            long before = proxy.counters().throttledRequests();
            // the clock stands still, so every retry the SDK makes is throttled again
            assertThatThrownBy(() -> dynamoDb.putItem(p -> p.tableName(WARM_TABLE).item(Map.of("pk", AttributeValue.fromS(hot)))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(proxy.counters().throttledRequests() - before).isEqualTo(3);
        }
    }
}
