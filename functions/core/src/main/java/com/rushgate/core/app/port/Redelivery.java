package com.rushgate.core.app.port;

import java.time.Duration;

/**
 * Gives a delivered message back to its queue to be delivered again after {@code after}, instead of
 * after the queue's whole visibility timeout: a retry comes back in seconds, and the request it
 * carries has not lost its place meanwhile (the line is the arrival index, not the queue).
 * Best effort: when it fails, the message still comes back after the visibility timeout.
 */
@FunctionalInterface
public interface Redelivery {

    /** @param receiptHandle the receipt handle of this delivery */
    void soon(String receiptHandle, Duration after);
}
