package com.rushgate.core.app;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the worker moves to the DLQ itself, with why. The body is the original body, byte for
 * byte, so a redrive sends exactly what was received.
 *
 * @param body              the original message body
 * @param originalMessageId the message id on the main queue
 * @param errorType         a {@link com.rushgate.core.domain.FailureReason} name, or UNREADABLE_MESSAGE
 * @param errorMessage      a sentence for the operator
 * @param failedAt          when the worker gave up
 * @param requestId         the request it carries, or null when unreadable
 * @param eventId           the event it names, or null when unreadable
 */
public record DeadLetter(String body, String originalMessageId, String errorType, String errorMessage,
                         Instant failedAt, String requestId, String eventId) {

    public static final String UNREADABLE_MESSAGE = "UNREADABLE_MESSAGE";

    public DeadLetter {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
