package com.rushgate.core.app.port;

import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.RetryableException;

/** The dead letter queue, for messages the worker gives up on at once (final errors, unreadable). */
public interface DeadLetters {

    /** @throws RetryableException when the message may not have been sent; the caller keeps the original */
    void send(DeadLetter letter);
}
