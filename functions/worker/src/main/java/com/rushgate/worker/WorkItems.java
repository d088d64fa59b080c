package com.rushgate.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.WorkItem;
import com.rushgate.core.aws.WorkMessages;
import java.util.Map;
import java.util.Optional;

/** An SQS record as the use cases see it: parsed if possible, with its delivery count. */
final class WorkItems {

    private WorkItems() {
    }

    /**
     * The raffle decisions the record carries; empty for a participation's message, and for a body
     * that names itself decisions but cannot be read ({@link #of} then reports it unreadable).
     */
    static Optional<DrawDecisions> decisions(SQSMessage record) {
        try {
            return WorkMessages.decisions(body(record));
        } catch (WorkMessages.UnreadableMessageException e) {
            return Optional.empty();
        }
    }

    /** The record as a participation's work item, readable or not. */
    static WorkItem of(SQSMessage record) {
        String body = body(record);
        int receiveCount = receiveCount(record);
        try {
            // A body that says it holds decisions and cannot be read is unreadable for what it says.
            WorkMessages.decisions(body);
            return WorkItem.readable(record.getMessageId(), body, WorkMessages.decode(body), receiveCount);
        } catch (WorkMessages.UnreadableMessageException e) {
            return WorkItem.unreadable(record.getMessageId(), body, e.getMessage(), receiveCount);
        }
    }

    /** SQS's ApproximateReceiveCount: 1 for the first delivery, and when it is missing or malformed. */
    static int receiveCount(SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String raw = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return raw == null ? 1 : Math.max(1, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String body(SQSMessage record) {
        return record.getBody() == null ? "" : record.getBody();
    }
}
