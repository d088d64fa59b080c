package com.rushgate.core.app;

import com.rushgate.core.domain.Event;

/**
 * An operator asks to send DLQ messages back to the work queue.
 *
 * @param eventId           only messages for this event; null for all
 * @param maxMessages       how many DLQ messages to examine at most (1-10000)
 * @param dryRun            report what would happen and change nothing
 * @param reason            why, kept on each redriven request (at most 256 printable characters); may be null
 * @param discardUnreadable delete messages that name no request (they can never be processed);
 *                          without it they stay in the DLQ and count as failed
 */
public record RedriveCommand(String eventId, int maxMessages, boolean dryRun, String reason, boolean discardUnreadable) {

    public static final int DEFAULT_MAX_MESSAGES = 100;
    public static final int MAX_REASON_LENGTH = 256;

    public RedriveCommand {
        if (eventId != null && !Event.isValidEventId(eventId)) {
            throw new IllegalArgumentException("eventId must match ^[A-Za-z0-9_-]{1,64}$");
        }
        if (maxMessages < 1 || maxMessages > 10_000) {
            throw new IllegalArgumentException("maxMessages must be between 1 and 10000");
        }
        if (reason != null && !ParticipateCommand.isPrintableAscii(reason, MAX_REASON_LENGTH)) {
            throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON_LENGTH + " printable ASCII characters");
        }
    }
}
