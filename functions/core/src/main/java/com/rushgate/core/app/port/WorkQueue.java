package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;

/**
 * The main SQS queue the workers drain. Delivery is at least once: consumers must accept the same
 * message twice.
 */
public interface WorkQueue {

    /**
     * @throws RetryableException when the message may not have been sent; the request then stays
     *                            where it is (RECEIVED), and a retry or the reconciler sends again
     */
    void send(WorkMessage message);
}
