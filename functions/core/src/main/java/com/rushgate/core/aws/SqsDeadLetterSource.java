package com.rushgate.core.aws;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.aws.WorkMessages.UnreadableMessageException;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.RequestId;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@link DeadLetterSource} on the DLQ. The request a message carries is read from its attributes
 * (every message Rushgate sends has them) or, failing that, from its body.
 */
public final class SqsDeadLetterSource implements DeadLetterSource {

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;

    public SqsDeadLetterSource(SqsClient sqs, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    /** A read-only call on the DLQ (GetQueueAttributes), for SnapStart priming. */
    public void readAttributes() {
        SqsWorkQueue.readAttributes(sqs, deadLetterQueueUrl);
    }

    @Override
    public List<DeadLetterSource.Message> receive(int max, Duration hideFor) {
        try {
            return sqs.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl)
                            .maxNumberOfMessages(Math.min(10, max))
                            .visibilityTimeout((int) hideFor.toSeconds())
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages().stream().map(SqsDeadLetterSource::toMessage).toList();
        } catch (SdkException e) {
            throw new RetryableException("ReceiveMessage from the DLQ failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(DeadLetterSource.Message message) {
        try {
            sqs.deleteMessage(d -> d.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            throw new RetryableException("DeleteMessage from the DLQ failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(DeadLetterSource.Message message) {
        try {
            sqs.changeMessageVisibility(c -> c.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        } catch (SdkException e) {
            throw new RetryableException("ChangeMessageVisibility on the DLQ failed: " + e.getMessage(), e);
        }
    }

    static DeadLetterSource.Message toMessage(software.amazon.awssdk.services.sqs.model.Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                attributes.put(name, value.stringValue());
            }
        });
        String count = message.attributesAsStrings().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString());
        WorkMessage work = work(attributes, message.body());
        return new DeadLetterSource.Message(message.messageId(), message.receiptHandle(), message.body(), work,
                work == null ? decisions(message.body()) : null, Map.copyOf(attributes),
                count == null ? 1 : Integer.parseInt(count));
    }

    /** The raffle decisions a DLQ message carries, or null when it holds none it can read. */
    static DrawDecisions decisions(String body) {
        try {
            return WorkMessages.decisions(body).orElse(null);
        } catch (UnreadableMessageException e) {
            return null;
        }
    }

    /** The request a DLQ message carries, or null when it names none. */
    static WorkMessage work(Map<String, String> attributes, String body) {
        String requestId = attributes.get(WorkMessages.ATTR_REQUEST_ID);
        String eventId = attributes.get(WorkMessages.ATTR_EVENT_ID);
        String acceptedAt = attributes.get(WorkMessages.ATTR_ACCEPTED_AT);
        if (RequestId.isWellFormed(requestId) && Event.isValidEventId(eventId) && acceptedAt != null) {
            try {
                return new WorkMessage(new RequestId(requestId), eventId, Timestamps.parse(acceptedAt));
            } catch (DateTimeParseException e) {
                // fall through to the body
            }
        }
        try {
            return WorkMessages.decode(body);
        } catch (WorkMessages.UnreadableMessageException e) {
            return null;
        }
    }
}
