package com.rushgate.core.aws;

import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.DeadLetters;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@link DeadLetters} on the DLQ. The body is sent unchanged; why it is there travels as message
 * attributes: errorType, errorMessage, failedAt, originalMessageId (and requestId, eventId when known).
 */
public final class SqsDeadLetters implements DeadLetters {

    public static final String ATTR_ERROR_TYPE = "errorType";
    public static final String ATTR_ERROR_MESSAGE = "errorMessage";
    public static final String ATTR_FAILED_AT = "failedAt";
    public static final String ATTR_ORIGINAL_MESSAGE_ID = "originalMessageId";

    /** SQS allows 256 KB per message in total; an error sentence never needs more than this. */
    private static final int MAX_ERROR_MESSAGE = 1024;

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;

    public SqsDeadLetters(SqsClient sqs, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    /** A read-only call on the DLQ (GetQueueAttributes), for SnapStart priming. */
    public void readAttributes() {
        SqsWorkQueue.readAttributes(sqs, deadLetterQueueUrl);
    }

    @Override
    public void send(DeadLetter letter) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(ATTR_ERROR_TYPE, SqsWorkQueue.text(letter.errorType()));
        attributes.put(ATTR_ERROR_MESSAGE, SqsWorkQueue.text(truncate(letter.errorMessage())));
        attributes.put(ATTR_FAILED_AT, SqsWorkQueue.text(Timestamps.format(letter.failedAt())));
        attributes.put(ATTR_ORIGINAL_MESSAGE_ID, SqsWorkQueue.text(letter.originalMessageId()));
        if (letter.requestId() != null) {
            attributes.put(WorkMessages.ATTR_REQUEST_ID, SqsWorkQueue.text(letter.requestId()));
        }
        if (letter.work() != null) {
            attributes.put(WorkMessages.ATTR_EVENT_ID, SqsWorkQueue.text(letter.eventId()));
            attributes.put(WorkMessages.ATTR_ACCEPTED_AT, SqsWorkQueue.text(Timestamps.format(letter.work().acceptedAt())));
        }
        String body = letter.body() == null ? WorkMessages.encode(letter.work()) : letter.body();
        // SQS refuses empty bodies; an empty original is marked, not dropped.
        body = body.isEmpty() ? "(empty body)" : body;
        String messageBody = body;
        try {
            sqs.sendMessage(send -> send.queueUrl(deadLetterQueueUrl).messageBody(messageBody).messageAttributes(attributes));
        } catch (SdkException e) {
            throw new RetryableException("SendMessage to the DLQ failed: " + e.getMessage(), e);
        }
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE - 3) + "...";
    }
}
