package com.rushgate.local.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Faults for the local stack's functions, injected through the SDK as a global execution
 * interceptor. It never ships in a function jar: the local stack adds it to an environment's class
 * path only when fault injection is on. It is loaded inside each environment, so it talks to the
 * local stack through JDK types only: fractions in system properties, counters as AtomicLongs in
 * the system properties table (see {@link Faults}). It must not use any other class of the local
 * stack, which the environments cannot see.
 *
 * <p>The hot-item faults are what DynamoDB raises on an event's item under load, in the exact
 * shapes of the SDK: a {@code TransactionCanceledException} with one cancellation reason per item
 * ({@code TransactionConflict} or {@code ThrottlingError} on the event's item, {@code None} on the
 * others) and a {@code ProvisionedThroughputExceededException} on a single-item write. They are
 * injected per attempt, inside the SDK's retry loop, so the client's retry policy treats them as
 * it treats DynamoDB's own: it retries the throttling exception and not the cancelled transaction.
 *
 * <p>An SQS send is recognised by its class name and read through the SDK's generic field access:
 * a function jar holds only the SDK clients it uses (Status has no SQS classes at all), and this
 * class is loaded beside each function's own.
 */
public final class FaultInterceptor implements ExecutionInterceptor {

    static final String SQS_SEND = "rushgate.faults.sqsSend";
    static final String DYNAMODB_THROTTLE = "rushgate.faults.dynamoDbThrottle";
    static final String WORKER_CRASH = "rushgate.faults.workerCrash";
    static final String WORK_QUEUE = "rushgate.faults.workQueueUrl";
    static final String HOT_ITEM_CONFLICT = "rushgate.faults.hotItemConflict";
    static final String HOT_ITEM_THROTTLE = "rushgate.faults.hotItemThrottle";
    static final String EVENT_TABLE = "rushgate.faults.eventTable";

    static final String CONFLICT = "TransactionConflict";
    static final String CONFLICT_MESSAGE = "Transaction is ongoing for the item";
    static final String THROTTLING = "ThrottlingError";
    static final String THROTTLING_MESSAGE = "Throughput exceeds the current capacity of your table or index. DynamoDB is"
            + " automatically scaling your table or index so please try again shortly. If exceptions persist, check if"
            + " you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.";
    static final String THROUGHPUT_MESSAGE = "The level of configured provisioned throughput for the table was exceeded."
            + " Consider increasing your provisioning level with the UpdateTable API.";
    private static final String SERVICE = "DynamoDb";
    private static final String SEND_MESSAGE = "software.amazon.awssdk.services.sqs.model.SendMessageRequest";

    static String counterName(String kind) {
        return kind + ".count";
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request.getClass().getName().equals(SEND_MESSAGE)
                && request.getValueForField("QueueUrl", String.class).orElse("").equals(System.getProperty(WORK_QUEUE))) {
            if (roll(SQS_SEND)) {
                throw SdkClientException.create("chaos: SendMessage lost (injected)");
            }
        } else if (request instanceof UpdateItemRequest || request instanceof TransactWriteItemsRequest) {
            if (roll(DYNAMODB_THROTTLE)) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("chaos: throughput exceeded (injected)").statusCode(400).build();
            }
        }
    }

    /** Called once per attempt: what is thrown here goes through the client's retry policy. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String eventTable = System.getProperty(EVENT_TABLE);
        if (eventTable == null) {
            return;
        }
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest transaction) {
            List<String> tables = transaction.transactItems().stream().map(FaultInterceptor::tableOf).toList();
            if (tables.contains(eventTable)) {
                if (roll(HOT_ITEM_CONFLICT)) {
                    throw cancelled(tables, eventTable, CONFLICT, CONFLICT_MESSAGE);
                }
                if (roll(HOT_ITEM_THROTTLE)) {
                    throw cancelled(tables, eventTable, THROTTLING, THROTTLING_MESSAGE);
                }
            }
        } else if ((request instanceof UpdateItemRequest update && eventTable.equals(update.tableName())
                || request instanceof PutItemRequest put && eventTable.equals(put.tableName()))
                && roll(HOT_ITEM_THROTTLE)) {
            throw throughputExceeded();
        }
    }

    /**
     * What DynamoDB answers when a transaction meets trouble on the event's item: one reason per
     * item, in item order, the event's items with {@code code} and the others {@code None}.
     */
    static TransactionCanceledException cancelled(List<String> tables, String eventTable, String code, String message) {
        List<CancellationReason> reasons = tables.stream()
                .map(table -> eventTable.equals(table)
                        ? CancellationReason.builder().code(code).message(message).build()
                        : CancellationReason.builder().code("None").build())
                .toList();
        String summary = "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(CancellationReason::code).toList();
        return TransactionCanceledException.builder()
                .message(summary)
                .cancellationReasons(reasons)
                .statusCode(400)
                .requestId(requestId())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TransactionCanceledException")
                        .errorMessage(summary)
                        .serviceName(SERVICE)
                        .build())
                .build();
    }

    /** What DynamoDB answers a single-item write to a throttled item. */
    static ProvisionedThroughputExceededException throughputExceeded() {
        return ProvisionedThroughputExceededException.builder()
                .message(THROUGHPUT_MESSAGE)
                .statusCode(400)
                .requestId(requestId())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .errorMessage(THROUGHPUT_MESSAGE)
                        .serviceName(SERVICE)
                        .build())
                .build();
    }

    private static String tableOf(TransactWriteItem item) {
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck() != null ? item.conditionCheck().tableName() : null;
    }

    private static String requestId() {
        return "CHAOS" + Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UpdateItemRequest update && isClaim(update) && roll(WORKER_CRASH)) {
            // The claim is written; the worker dies before deciding. Lease and redelivery must recover it.
            throw new WorkerCrash();
        }
    }

    private static boolean isClaim(UpdateItemRequest update) {
        Map<String, AttributeValue> values = update.expressionAttributeValues();
        AttributeValue status = values.get(":status");
        return status != null && "PROCESSING".equals(status.s()) && update.updateExpression().contains("#attempts");
    }

    private static boolean roll(String kind) {
        String configured = System.getProperty(kind);
        double fraction = configured == null ? 0 : Double.parseDouble(configured);
        if (fraction <= 0 || ThreadLocalRandom.current().nextDouble() >= fraction) {
            return false;
        }
        ((AtomicLong) System.getProperties().computeIfAbsent(counterName(kind), k -> new AtomicLong()))
                .incrementAndGet();
        return true;
    }

    /** A simulated crash of the worker: not an exception any code is meant to handle. */
    static final class WorkerCrash extends Error {
        private static final long serialVersionUID = 1L;

        WorkerCrash() {
            super("chaos: worker crashed after its claim (injected)", null, false, false);
        }
    }
}
