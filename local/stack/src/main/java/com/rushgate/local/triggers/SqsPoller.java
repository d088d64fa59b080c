package com.rushgate.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.template.StackModel.QueueSpec;
import com.rushgate.local.template.StackModel.SqsTrigger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one trigger: up to MaximumConcurrency pollers, each
 * gathering up to BatchSize messages within MaximumBatchingWindowInSeconds, invoking the function,
 * and deleting what succeeded. With ReportBatchItemFailures only the messages not listed in
 * batchItemFailures are deleted; a function error deletes nothing. Messages left behind come back
 * after the queue's visibility timeout, and ElasticMQ's RedrivePolicy moves them to the DLQ.
 */
public final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECEIVE = 10;
    private static final int LONG_POLL_SECONDS = 1;

    private final SqsTrigger trigger;
    private final QueueSpec queue;
    private final FunctionPool function;
    private final SqsClient sqs;
    private final String region;
    private final ExecutorService pollers;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private final LambdaQuotas quotas;
    private volatile long busySince = -1;

    public SqsPoller(SqsTrigger trigger, QueueSpec queue, FunctionPool function, SqsClient sqs, String region) {
        this(trigger, queue, function, sqs, region, null);
    }

    /**
     * Under AWS's Lambda quotas the mapping ramps up as Lambda's does: it starts with a few
     * concurrent batches and adds more every minute once messages arrive, up to MaximumConcurrency.
     *
     * @param quotas the stack's Lambda quotas; null for none (every poller runs from the start)
     */
    public SqsPoller(SqsTrigger trigger, QueueSpec queue, FunctionPool function, SqsClient sqs, String region,
                     LambdaQuotas quotas) {
        this.quotas = quotas;
        this.trigger = trigger;
        this.queue = queue;
        this.function = function;
        this.sqs = sqs;
        this.region = region;
        this.pollers = Executors.newFixedThreadPool(trigger.maximumConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "poller-" + trigger.functionId());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < trigger.maximumConcurrency(); i++) {
            int index = i;
            pollers.submit(() -> loop(index));
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long failedBatches() {
        return failedBatches.get();
    }

    private void loop(int index) {
        while (running) {
            try {
                if (quotas != null && index >= quotas.eventSourceBatches(trigger.maximumConcurrency(), busySince)) {
                    // Not yet one of the mapping's concurrent batches: Lambda adds them by the minute.
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    if (busySince < 0 && quotas != null) {
                        busySince = quotas.clock().getAsLong();
                    }
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("poller for {} failed, retrying: {}", trigger.functionId(), e.toString());
                    pause();
                }
            }
        }
    }

    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(trigger.batchingWindowSeconds());
        do {
            int wanted = Math.min(MAX_RECEIVE, trigger.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(r -> r
                    .queueUrl(queue.url())
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(LONG_POLL_SECONDS)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            batch.addAll(received);
            if (received.isEmpty() && !batch.isEmpty() && trigger.batchingWindowSeconds() == 0) {
                break;
            }
        } while (running && batch.size() < trigger.batchSize() && System.nanoTime() < windowEnd);
        return batch;
    }

    private void deliver(List<Message> batch) {
        delivered.addAndGet(batch.size());
        Invocation invocation = function.invoke(event(batch));
        if (!invocation.succeeded()) {
            failedBatches.incrementAndGet();
            LOG.warn("{} failed on a batch of {}: {}", trigger.functionId(), batch.size(), invocation.payloadText());
            return;
        }
        Set<String> failed = trigger.reportBatchItemFailures() ? failedIds(invocation, batch) : Set.of();
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message message : batch) {
            if (!failed.contains(message.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(deletes.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        for (int from = 0; from < deletes.size(); from += MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> chunk = deletes.subList(from, Math.min(deletes.size(), from + MAX_RECEIVE));
            var response = sqs.deleteMessageBatch(d -> d.queueUrl(queue.url()).entries(chunk));
            deleted.addAndGet(response.successful().size());
            if (!response.failed().isEmpty()) {
                LOG.warn("{} messages of {} could not be deleted; they will be delivered again", response.failed().size(),
                        queue.name());
            }
        }
    }

    /**
     * The ids in batchItemFailures. Like Lambda, an answer that cannot be read, or that names a
     * message not in the batch, fails the whole batch.
     */
    private Set<String> failedIds(Invocation invocation, List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        try {
            JsonNode response = JSON.readTree(invocation.payload());
            Set<String> failed = new HashSet<>();
            if (response != null && response.has("batchItemFailures")) {
                for (JsonNode failure : response.get("batchItemFailures")) {
                    String id = failure.path("itemIdentifier").asText(null);
                    if (id == null || !all.contains(id)) {
                        return all;
                    }
                    failed.add(id);
                }
            }
            return failed;
        } catch (IOException e) {
            return all;
        }
    }

    private byte[] event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> {
                ObjectNode attribute = messageAttributes.putObject(name);
                if (value.stringValue() != null) {
                    attribute.put("stringValue", value.stringValue());
                }
                if (value.binaryValue() != null) {
                    attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
                }
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            });
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queue.arn());
            record.put("awsRegion", region);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Backs off after a failure; returns at once when the poller is closed. */
    private void pause() {
        try {
            stopped.await(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(LONG_POLL_SECONDS + 5, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pollers.shutdownNow();
        }
    }
}
