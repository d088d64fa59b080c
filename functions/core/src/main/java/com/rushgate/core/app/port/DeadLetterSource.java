package com.rushgate.core.app.port;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reading the dead letter queue, for the Redrive function. Messages received are hidden from
 * other readers for the given time; a message neither deleted nor released reappears after it.
 *
 * @throws RetryableException when SQS fails or times out
 */
public interface DeadLetterSource {

    List<Message> receive(int max, Duration hideFor);

    void delete(Message message);

    /** Makes the message visible again at once. */
    void release(Message message);

    /**
     * One DLQ message.
     *
     * @param work         the request it carries, or null when it names none
     * @param decisions    the raffle decisions it carries instead, or null; a message with neither
     *                     is unreadable
     * @param attributes   its string message attributes (requestId, eventId, errorType...)
     * @param receiveCount how often it was received from the DLQ, this time included
     */
    record Message(String messageId, String receiptHandle, String body, WorkMessage work, DrawDecisions decisions,
                   Map<String, String> attributes, int receiveCount) {

        /** A message that carries a request, or nothing readable. */
        public Message(String messageId, String receiptHandle, String body, WorkMessage work,
                       Map<String, String> attributes, int receiveCount) {
            this(messageId, receiptHandle, body, work, null, attributes, receiveCount);
        }

        /** The event it is about, or null when it is unreadable. */
        public String eventId() {
            return work != null ? work.eventId() : decisions != null ? decisions.eventId() : null;
        }
    }
}
