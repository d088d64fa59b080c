package com.rushgate.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.rushgate.core.app.WorkItem;
import com.rushgate.core.aws.WorkMessages;
import java.util.Map;

/** An SQS record as the use case sees it: parsed if possible, with its delivery count. */
final class WorkItems {

    private WorkItems() {
    }

    static WorkItem of(SQSMessage record) {
        String body = record.getBody() == null ? "" : record.getBody();
        int receiveCount = receiveCount(record.getAttributes());
        try {
            return WorkItem.readable(record.getMessageId(), body, WorkMessages.decode(body), receiveCount);
        } catch (WorkMessages.UnreadableMessageException e) {
            return WorkItem.unreadable(record.getMessageId(), body, e.getMessage(), receiveCount);
        }
    }

    private static int receiveCount(Map<String, String> attributes) {
        String raw = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return raw == null ? 1 : Math.max(1, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
