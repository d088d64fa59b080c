package com.rushgate.local.it;

import static com.rushgate.local.it.LimitsTables.ACCOUNT;
import static com.rushgate.local.it.LimitsTables.WARM_TABLE;
import static com.rushgate.local.it.LimitsTables.client;
import static com.rushgate.local.it.LimitsTables.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The DynamoDB limits proxy's transaction conflicts in front of DynamoDB Local (which runs
 * transactions one after another and never conflicts), driven by the real SDK from many threads.
 * The proxy's clock jumps a second at every look, so throughput never binds and only conflicts
 * can refuse a call.
 */
class TransactionConflictsIT {

    private static LimitsTables tables;
    private static DynamoDbLimitsProxy unthrottled;

    @BeforeAll
    static void start() {
        tables = LimitsTables.start();
        AtomicLong jumping = new AtomicLong();
        unthrottled = DynamoDbLimitsProxy.start(new AwsLimits(0.01), tables.dynamoDbLocal(), Map.of(), "us-east-1",
                ACCOUNT, 0, () -> jumping.addAndGet(TimeUnit.SECONDS.toNanos(1)));
    }

    @AfterAll
    static void stop() {
        unthrottled.close();
        tables.close();
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
