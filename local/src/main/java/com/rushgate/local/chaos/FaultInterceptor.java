package com.rushgate.local.chaos;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Faults for the local stack's functions, injected through the SDK as a global execution
 * interceptor. It never ships in a function jar: the local stack adds it to an environment's class
 * path only when fault injection is on. It is loaded inside each environment, so it talks to the
 * local stack through JDK types only: fractions in system properties, counters as AtomicLongs in
 * the system properties table (see {@link Faults}). It must not use any other class of the local
 * stack, which the environments cannot see.
 */
public final class FaultInterceptor implements ExecutionInterceptor {

    static final String SQS_SEND = "rushgate.faults.sqsSend";
    static final String DYNAMODB_THROTTLE = "rushgate.faults.dynamoDbThrottle";
    static final String WORKER_CRASH = "rushgate.faults.workerCrash";
    static final String WORK_QUEUE = "rushgate.faults.workQueueUrl";

    static String counterName(String kind) {
        return kind + ".count";
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof SendMessageRequest send && send.queueUrl().equals(System.getProperty(WORK_QUEUE))) {
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
