package com.rushgate.core.app;

import com.rushgate.core.domain.Event;

/**
 * Draw a raffle, now if it is due.
 *
 * @param eventId       the raffle
 * @param excludeFailed draw without the entries whose processing failed for good (FAILED_FINAL, their
 *                      message in the DLQ) instead of waiting for their redrive; the published result
 *                      lists them. An operator's explicit decision, never the schedule's.
 */
public record DrawCommand(String eventId, boolean excludeFailed) {

    public DrawCommand {
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
    }
}
