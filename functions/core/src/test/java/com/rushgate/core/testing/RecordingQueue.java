package com.rushgate.core.testing;

import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.WorkQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue and a DLQ that remember what they were sent, and can be told to fail. */
public final class RecordingQueue implements WorkQueue, DeadLetters {

    public final List<WorkMessage> sent = new CopyOnWriteArrayList<>();
    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    public final List<DrawDecisions> decisions = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public void failNextSends(boolean fail) {
        this.failing = fail;
    }

    @Override
    public void send(WorkMessage message) {
        if (failing) {
            throw new RetryableException("queue unavailable (test)");
        }
        sent.add(message);
    }

    @Override
    public void sendDecisions(List<DrawDecisions> chunks) {
        if (failing) {
            throw new RetryableException("queue unavailable (test)");
        }
        decisions.addAll(chunks);
    }

    @Override
    public void send(DeadLetter letter) {
        if (failing) {
            throw new RetryableException("dlq unavailable (test)");
        }
        deadLetters.add(letter);
    }
}
