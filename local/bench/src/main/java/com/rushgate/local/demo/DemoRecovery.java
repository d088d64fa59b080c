package com.rushgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The chaotic demo's faults and their repair: faults on while participations arrive, poison
 * messages in the work queue, then the reconciler and a redrive, in rounds, until every accepted
 * request is decided and the DLQ is empty.
 */
final class DemoRecovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ROUND = Duration.ofSeconds(3);

    /**
     * How the requests ended, and what recovering them took.
     *
     * @param redriven   messages the redrives moved back to the work queue
     * @param reconciled requests the reconciler requeued or gave up on
     */
    record Recovered(DropOutcome outcome, long redriven, long reconciled) {
    }

    private final LocalStack stack;
    private final PrintStream console;

    DemoRecovery(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    /**
     * Turns faults on at this rate for the work queue and the event table, and sends {@code poison}
     * unreadable messages.
     *
     * @throws IllegalStateException if the stack was started without fault injection
     */
    void injectFaults(double rate, int poison) {
        if (!stack.options().faultInjection()) {
            throw new IllegalStateException("chaos needs a stack started with fault injection");
        }
        Faults.set(rate, workQueue(), stack.model().functionVariable("EVENT_TABLE"));
        poison(poison);
    }

    /**
     * After a chaotic ingest: run the reconciler and redrive the DLQ (discarding the poison) in
     * rounds until every accepted request is decided and the DLQ is empty, or time is up.
     */
    Recovered recover(DropOutcome.Source drop, Collection<String> accepted, int capacity, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long redriven = 0;
        long reconciled = 0;
        DropOutcome outcome;
        while (true) {
            outcome = DropOutcome.await(drop, accepted, capacity, DropOutcome.Until.DECIDED, ROUND,
                    reading -> console.printf("recovery: %d of %d decided, DLQ %d%n", reading.decidedCount(),
                            reading.accepted(), dlqDepth()));
            if ((outcome.reached(DropOutcome.Until.DECIDED) && dlqDepth() == 0) || System.nanoTime() > deadline) {
                break;
            }
            JsonNode reconcile = invoke(stack.model().schedules().get(0).functionId(), scheduledEvent());
            reconciled += reconcile.path("requeued").asLong() + reconcile.path("gaveUp").asLong();
            JsonNode redrive = invoke(redriveFunction(),
                    "{\"maxMessages\":1000,\"discardUnreadable\":true,\"reason\":\"demo recovery\"}");
            redriven += redrive.path("redriven").asLong();
        }
        console.println();
        return new Recovered(outcome, redriven, reconciled);
    }

    /** Messages in the DLQ, visible or in flight. */
    long dlqDepth() {
        Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(g -> g
                .queueUrl(stack.model().functionVariable("DLQ_URL"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Messages no worker can read: they must go to the DLQ and block nothing. */
    private void poison(int count) {
        for (int i = 0; i < count; i++) {
            String body = i % 2 == 0 ? "poison #" + i + ": not JSON" : "{\"v\":1,\"requestId\":\"rq_not-a-request\"}";
            stack.clients().sqs().sendMessage(s -> s.queueUrl(workQueue()).messageBody(body));
        }
        Faults.count(Faults.POISON, count);
    }

    private JsonNode invoke(String function, String payload) {
        Invocation invocation = stack.invoke(function, payload);
        try {
            return invocation.succeeded() ? JSON.readTree(invocation.payload()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private String redriveFunction() {
        return stack.model().functionWithHandler("com.rushgate.redrive.RedriveHandler").logicalId();
    }

    private String workQueue() {
        return stack.model().functionVariable("QUEUE_URL");
    }

    private static String scheduledEvent() {
        return "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"" + Instant.now() + "\",\"resources\":[],\"detail\":{}}";
    }
}
