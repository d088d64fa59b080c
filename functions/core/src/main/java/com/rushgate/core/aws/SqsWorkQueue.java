package com.rushgate.core.aws;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.Redelivery;
import com.rushgate.core.app.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link WorkQueue} on the main SQS queue. */
public final class SqsWorkQueue implements WorkQueue, Redelivery {

    /** SendMessageBatch takes ten messages. */
    private static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWorkQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(WorkMessage message) {
        try {
            sqs.sendMessage(send -> send
                    .queueUrl(queueUrl)
                    .messageBody(WorkMessages.encode(message))
                    .messageAttributes(Map.of(
                            WorkMessages.ATTR_REQUEST_ID, text(message.requestId().value()),
                            WorkMessages.ATTR_EVENT_ID, text(message.eventId()),
                            WorkMessages.ATTR_ACCEPTED_AT, text(Timestamps.format(message.acceptedAt())))));
        } catch (SdkException e) {
            // Any failure may or may not have sent: treat every one as retryable. A duplicate
            // message is harmless, a missing one is what the reconciler exists for.
            throw new RetryableException("SendMessage to the work queue failed: " + e.getMessage(), e);
        }
    }

    /** SendMessageBatch, ten chunks per call; an entry the batch reports failed fails the whole call. */
    @Override
    public void sendDecisions(List<DrawDecisions> chunks) {
        for (int from = 0; from < chunks.size(); from += MAX_BATCH) {
            List<DrawDecisions> batch = chunks.subList(from, Math.min(chunks.size(), from + MAX_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                DrawDecisions chunk = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(WorkMessages.encode(chunk))
                        .messageAttributes(Map.of(
                                WorkMessages.ATTR_KIND, text(WorkMessages.KIND_DECISIONS),
                                WorkMessages.ATTR_EVENT_ID, text(chunk.eventId())))
                        .build());
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                throw new RetryableException("SendMessageBatch to the work queue failed: " + e.getMessage(), e);
            }
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new RetryableException("SendMessageBatch to the work queue: " + response.failed().size()
                        + " of " + entries.size() + " chunks not sent (" + response.failed().get(0).code() + ")");
            }
        }
    }

    @Override
    public void soon(String receiptHandle, Duration after) {
        try {
            sqs.changeMessageVisibility(change -> change
                    .queueUrl(queueUrl)
                    .receiptHandle(receiptHandle)
                    .visibilityTimeout((int) Math.max(0, after.toSeconds())));
        } catch (SdkException e) {
            throw new RetryableException("ChangeMessageVisibility on the work queue failed: " + e.getMessage(), e);
        }
    }

    /** A read-only call on the queue (GetQueueAttributes), for SnapStart priming. */
    public void readAttributes() {
        readAttributes(sqs, queueUrl);
    }

    /** GetQueueAttributes: it changes nothing, and warms the SQS client and its protocol. */
    static void readAttributes(SqsClient sqs, String queueUrl) {
        try {
            sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        } catch (SdkException e) {
            throw new RetryableException("GetQueueAttributes on " + queueUrl + " failed: " + e.getMessage(), e);
        }
    }

    static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
