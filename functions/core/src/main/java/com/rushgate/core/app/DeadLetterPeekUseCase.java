package com.rushgate.core.app;

import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.app.port.DeadLetterSource.Message;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Looks into the dead letter queue without taking anything out: messages are received, hidden for
 * a moment while the queue is paged through, then every one is made visible again. A redrive running
 * at the same moment does not see the messages held here until they are released.
 */
public final class DeadLetterPeekUseCase {

    /** Most messages one peek may show. */
    public static final int MAX_MESSAGES = 1000;
    public static final int DEFAULT_MESSAGES = 100;
    /** Long enough to page through the queue; every message is released at the end anyway. */
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final int RECEIVE_MAX = 10;
    /** Messages looked at per peek, so a filter that matches few cannot read the queue forever. */
    private static final int MAX_EXAMINED = 2 * MAX_MESSAGES;

    private final DeadLetterSource deadLetters;
    private final RequestStore requests;

    public DeadLetterPeekUseCase(DeadLetterSource deadLetters, RequestStore requests) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /**
     * @param eventId only messages of this event; null for all
     * @param max     1 to {@link #MAX_MESSAGES}
     * @throws IllegalArgumentException for a max out of range
     * @throws RetryableException       when SQS or the table failed; nothing was changed
     */
    public List<Letter> peek(String eventId, int max) {
        if (max < 1 || max > MAX_MESSAGES) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_MESSAGES);
        }
        List<Message> held = new ArrayList<>();
        Map<String, Message> shown = new LinkedHashMap<>();
        try {
            while (shown.size() < max && held.size() < MAX_EXAMINED) {
                List<Message> batch = deadLetters.receive(RECEIVE_MAX, HOLD);
                if (batch.isEmpty()) {
                    break;
                }
                held.addAll(batch);
                for (Message message : batch) {
                    if (shown.size() < max && (eventId == null || eventId.equals(message.eventId()))) {
                        shown.putIfAbsent(message.messageId(), message);
                    }
                }
            }
        } finally {
            held.forEach(deadLetters::release);
        }
        return shown.values().stream().map(this::letter).toList();
    }

    private Letter letter(Message message) {
        Map<String, String> attributes = message.attributes();
        RequestStatus status = message.work() == null ? null
                : requests.find(message.work().requestId()).map(ParticipationRequest::status).orElse(null);
        String detail = attributes.getOrDefault("errorMessage", message.work() == null && message.decisions() == null
                ? "unreadable: " + abbreviate(message.body())
                : "SQS moved it here after maxReceiveCount deliveries");
        return new Letter(message.messageId(),
                message.work() == null ? null : message.work().requestId().value(),
                message.eventId(), status,
                attributes.getOrDefault("errorType", "MAX_RECEIVES"),
                attributes.get("failedAt"),
                detail);
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }

    /**
     * One DLQ message as operators read it.
     *
     * @param requestId its request, or null when it names none
     * @param eventId   its event, or null when unreadable
     * @param status    its request's status now, or null when there is no such request
     * @param errorType why it is there (a failure reason, UNREADABLE_MESSAGE, or MAX_RECEIVES when SQS
     *                  moved it)
     * @param failedAt  when Rushgate gave up on it, as the message says; null when SQS moved it
     * @param detail    a sentence for the operator
     */
    public record Letter(String messageId, String requestId, String eventId, RequestStatus status, String errorType,
                         String failedAt, String detail) {
    }
}
