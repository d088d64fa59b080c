package com.rushgate.core.app;

import java.time.Instant;
import java.util.Objects;

/**
 * A message Rushgate puts in the DLQ itself, with why. The body is the original body, byte for
 * byte, when there was one; a request given up by the reconciler has none, and the DLQ adapter
 * writes its work message in the queue's format.
 *
 * @param body              the original message body, or null to encode {@code work}
 * @param work              the request it carries, or null when the body names none (unreadable)
 * @param originalMessageId the message id on the main queue, or "reconcile"
 * @param errorType         a {@link com.rushgate.core.domain.FailureReason} name, or UNREADABLE_MESSAGE
 * @param errorMessage      a sentence for the operator
 * @param failedAt          when Rushgate gave up
 */
public record DeadLetter(String body, WorkMessage work, String originalMessageId, String errorType,
                         String errorMessage, Instant failedAt) {

    public static final String UNREADABLE_MESSAGE = "UNREADABLE_MESSAGE";

    public DeadLetter {
        if (body == null && work == null) {
            throw new IllegalArgumentException("a dead letter needs a body or a work message");
        }
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    public String requestId() {
        return work == null ? null : work.requestId().value();
    }

    public String eventId() {
        return work == null ? null : work.eventId();
    }
}
