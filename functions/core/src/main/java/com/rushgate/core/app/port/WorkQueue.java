package com.rushgate.core.app.port;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import java.util.List;

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

    /**
     * Sends a raffle's decisions, each message one chunk of them; batched, so a million entries
     * take thousands of calls, not a million.
     *
     * @throws RetryableException when some chunks may not have been sent; sending all of them again
     *                            is safe, since each decision is taken only from ENTERED
     */
    void sendDecisions(List<DrawDecisions> chunks);
}
