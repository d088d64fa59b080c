package com.rushgate.core.testing;

import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.app.port.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A DLQ in memory: what the worker and the reconciler put in, what a redrive reads out. */
public final class InMemoryDeadLetterQueue implements DeadLetters, DeadLetterSource {

    private final Map<String, Message> visible = new LinkedHashMap<>();
    private final Map<String, Message> hidden = new LinkedHashMap<>();
    private boolean failing;

    public synchronized void failNext(boolean fail) {
        this.failing = fail;
    }

    /** Puts a message in as SQS's RedrivePolicy would, without Rushgate's error attributes. */
    public synchronized String moveFromMainQueue(WorkMessage work) {
        String id = UUID.randomUUID().toString();
        visible.put(id, new Message(id, "rh-" + id, "{}", work, Map.of("requestId", work.requestId().value()), 1));
        return id;
    }

    /** Puts a raffle's decisions in, as SQS's RedrivePolicy moves a chunk the workers could not take. */
    public synchronized String moveFromMainQueue(DrawDecisions decisions) {
        String id = UUID.randomUUID().toString();
        visible.put(id, new Message(id, "rh-" + id, "{}", null, decisions, Map.of("kind", "drawDecisions"), 1));
        return id;
    }

    public synchronized String putUnreadable(String body) {
        String id = UUID.randomUUID().toString();
        visible.put(id, new Message(id, "rh-" + id, body, null, Map.of(), 1));
        return id;
    }

    public synchronized int size() {
        return visible.size() + hidden.size();
    }

    public synchronized List<Message> all() {
        List<Message> all = new ArrayList<>(visible.values());
        all.addAll(hidden.values());
        return all;
    }

    @Override
    public synchronized void send(DeadLetter letter) {
        if (failing) {
            throw new RetryableException("dlq unavailable (test)");
        }
        String id = UUID.randomUUID().toString();
        visible.put(id, new Message(id, "rh-" + id, letter.body() == null ? "(encoded)" : letter.body(), letter.work(),
                Map.of("errorType", letter.errorType(), "originalMessageId", letter.originalMessageId()), 1));
    }

    @Override
    public synchronized List<Message> receive(int max, Duration hideFor) {
        List<Message> out = new ArrayList<>();
        for (Message message : new ArrayList<>(visible.values())) {
            if (out.size() == max) {
                break;
            }
            visible.remove(message.messageId());
            hidden.put(message.messageId(), message);
            out.add(message);
        }
        return out;
    }

    @Override
    public synchronized void delete(Message message) {
        hidden.remove(message.messageId());
        visible.remove(message.messageId());
    }

    @Override
    public synchronized void release(Message message) {
        Message held = hidden.remove(message.messageId());
        if (held != null) {
            visible.put(held.messageId(), held);
        }
    }
}
