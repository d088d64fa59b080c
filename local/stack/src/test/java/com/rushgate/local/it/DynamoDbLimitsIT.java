package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.emulator.DynamoDbLocal;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.stack.LocalClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The DynamoDB limits proxy in front of DynamoDB Local, driven by the real SDK. Scale 0.01 makes
 * the figures small (a partition: 10 write units/s, 30 read units/s; a table: 40 write units/s)
 * and the proxy's clock only moves when a test moves it, so every ceiling is exact.
 */
class DynamoDbLimitsIT {

    private static final String ACCOUNT = "000000000000";
    private static final String TABLE = "LimitsTable";
    private static final String WARM_TABLE = "WarmTable";
    private static final String INDEX = "ByGroup";

    private static DynamoDbLocal dynamoDbLocal;
    private static LocalClients direct;
    private static final AtomicLong clock = new AtomicLong();
    private static DynamoDbLimitsProxy proxy;
    /** A proxy whose clock jumps a second at every look: throughput never binds, conflicts still do. */
    private static DynamoDbLimitsProxy unthrottled;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocal.start(null, 0);
        direct = new LocalClients("us-east-1", dynamoDbLocal.endpoint(), URI.create("http://127.0.0.1:1"));
        for (String table : List.of(TABLE, WARM_TABLE)) {
            direct.dynamoDb().createTable(t -> t.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                            a -> a.attributeName("group").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .globalSecondaryIndexes(g -> g.indexName(INDEX).keySchema(k -> k.attributeName("group").keyType("HASH"))
                            .projection(p -> p.projectionType("ALL"))));
        }
        proxy = DynamoDbLimitsProxy.start(new AwsLimits(0.01), dynamoDbLocal.endpoint(),
                Map.of(WARM_TABLE, new double[] {8_000, 24_000}), "us-east-1", ACCOUNT, 0, clock::get);
        AtomicLong jumping = new AtomicLong();
        unthrottled = DynamoDbLimitsProxy.start(new AwsLimits(0.01), dynamoDbLocal.endpoint(), Map.of(), "us-east-1",
                ACCOUNT, 0, () -> jumping.addAndGet(TimeUnit.SECONDS.toNanos(1)));
    }

    @AfterAll
    static void stop() {
        unthrottled.close();
        proxy.close();
        direct.close();
        dynamoDbLocal.close();
    }

    private static DynamoDbClient client(DynamoDbLimitsProxy target, boolean retries) {
        return DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(target.endpoint()).httpClient(ApacheHttpClient.create())
                // With retries: the SDK's standard strategy (it knows throttling errors), three attempts, so the test is short.
                .overrideConfiguration(o -> o.retryStrategy(retries
                        ? DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(3).build()
                        : DefaultRetryStrategy.doNotRetry())).build();
    }

    private static Map<String, AttributeValue> item(String pk, String group, int paddingBytes) {
        return Map.of("pk", AttributeValue.fromS(pk), "group", AttributeValue.fromS(group),
                "pad", AttributeValue.fromS("x".repeat(paddingBytes)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
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
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("TableWriteKeyRangeThroughputExceeded",
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
                                    .containsExactly(org.assertj.core.groups.Tuple.tuple("IndexWriteKeyRangeThroughputExceeded",
                                            "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + TABLE + "/index/" + INDEX)));
            assertThat(direct.dynamoDb().getItem(g -> g.tableName(TABLE).consistentRead(true)
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

    @Test
    void concurrentTransactionsOnOneItem_areCancelledWithTransactionConflict() throws Exception {
        String stock = unique("stock");
        ConcurrentLinkedQueue<List<String>> cancellations = new ConcurrentLinkedQueue<>();
        long conflictsBefore = unthrottled.counters().transactionConflicts();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DynamoDbClient dynamoDb = client(unthrottled, false)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40 && cancellations.isEmpty(); i++) {
                        try {
                            dynamoDb.transactWriteItems(tx -> tx.transactItems(
                                    TransactWriteItem.builder().put(p -> p.tableName(WARM_TABLE)
                                            .item(Map.of("pk", AttributeValue.fromS(unique("own"))))).build(),
                                    TransactWriteItem.builder().update(u -> u.tableName(WARM_TABLE)
                                            .key(Map.of("pk", AttributeValue.fromS(stock)))
                                            .updateExpression("ADD sold :one")
                                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
                        } catch (TransactionCanceledException e) {
                            cancellations.add(e.cancellationReasons().stream().map(CancellationReason::code).toList());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cancellations).isNotEmpty().allSatisfy(codes ->
                assertThat(codes).containsExactly("None", "TransactionConflict"));
        assertThat(unthrottled.counters().transactionConflicts() - conflictsBefore).isEqualTo(cancellations.size());
    }

    @Test
    void singleWrite_toAnItemInsideARunningTransaction_failsWithTransactionConflictException() throws Exception {
        String stock = unique("stock");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DynamoDbClient dynamoDb = client(unthrottled, false)) {
            Runnable transactions = () -> {
                while (!stop.get()) {
                    try {
                        dynamoDb.transactWriteItems(tx -> tx.transactItems(
                                TransactWriteItem.builder().update(u -> u.tableName(WARM_TABLE)
                                        .key(Map.of("pk", AttributeValue.fromS(stock)))
                                        .updateExpression("ADD sold :one")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build(),
                                TransactWriteItem.builder().put(p -> p.tableName(WARM_TABLE)
                                        .item(Map.of("pk", AttributeValue.fromS(unique("own"))))).build()));
                    } catch (TransactionCanceledException conflictWithTheOther) {
                        // the two loops also conflict with each other; not what this test looks at
                    }
                }
            };
            pool.submit(transactions);
            pool.submit(transactions);
            TransactionConflictException seen = null;
            for (int i = 0; i < 5_000 && seen == null; i++) {
                try {
                    dynamoDb.putItem(p -> p.tableName(WARM_TABLE).item(Map.of("pk", AttributeValue.fromS(stock),
                            "sold", AttributeValue.fromN("0"))));
                } catch (TransactionConflictException e) {
                    seen = e;
                }
            }
            assertThat(seen).isNotNull();
            assertThat(seen.statusCode()).isEqualTo(400);
            assertThat(seen.awsErrorDetails().errorCode()).isEqualTo("TransactionConflictException");
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
