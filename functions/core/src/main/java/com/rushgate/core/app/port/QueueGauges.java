package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;

/**
 * How full the work queue and the dead letter queue are, as SQS approximates it (queue-wide, not per
 * event).
 *
 * @throws RetryableException when SQS fails or times out
 */
public interface QueueGauges {

    Depths read();

    /**
     * @param messages    messages waiting in the work queue (ApproximateNumberOfMessages)
     * @param inFlight    messages received and not deleted yet (ApproximateNumberOfMessagesNotVisible)
     * @param dlqMessages messages waiting in the dead letter queue
     */
    record Depths(long messages, long inFlight, long dlqMessages) {
    }
}
