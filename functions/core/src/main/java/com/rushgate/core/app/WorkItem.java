package com.rushgate.core.app;

import java.util.Objects;

/**
 * One delivery of one queue message.
 *
 * @param messageId    the SQS message id
 * @param body         the raw body, kept for the DLQ
 * @param message      the parsed message, or null when the body could not be read
 * @param parseError   why the body could not be read, or null
 * @param receiveCount SQS's ApproximateReceiveCount for this delivery (1 for the first)
 */
public record WorkItem(String messageId, String body, WorkMessage message, String parseError, int receiveCount) {

    public WorkItem {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        if ((message == null) == (parseError == null)) {
            throw new IllegalArgumentException("a work item has either a message or a parse error");
        }
        if (receiveCount < 1) {
            throw new IllegalArgumentException("receiveCount starts at 1");
        }
    }

    public static WorkItem readable(String messageId, String body, WorkMessage message, int receiveCount) {
        return new WorkItem(messageId, body, message, null, receiveCount);
    }

    public static WorkItem unreadable(String messageId, String body, String parseError, int receiveCount) {
        return new WorkItem(messageId, body, null, parseError, receiveCount);
    }
}
