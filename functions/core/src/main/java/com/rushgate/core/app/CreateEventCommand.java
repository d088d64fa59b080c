package com.rushgate.core.app;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import java.time.Instant;

/**
 * An operator creates an event.
 *
 * @param eventId  {@code ^[A-Za-z0-9_-]{1,64}$}
 * @param type     FCFS or RAFFLE
 * @param capacity FCFS: units of stock; RAFFLE: winners to draw; at least 0
 * @param opensAt  when it opens
 * @param closesAt when it closes, after {@code opensAt}; required for a raffle (its draw follows it)
 */
public record CreateEventCommand(String eventId, EventType type, int capacity, Instant opensAt, Instant closesAt) {

    public CreateEventCommand {
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        if (type == null) {
            throw new ClientException(ErrorCode.INVALID_EVENT, "type must be FCFS or RAFFLE");
        }
        if (capacity < 0) {
            throw new ClientException(ErrorCode.INVALID_EVENT, "capacity must be 0 or more, got " + capacity);
        }
        if (opensAt == null) {
            throw new ClientException(ErrorCode.INVALID_EVENT, "opensAt is required");
        }
        if (closesAt != null && !closesAt.isAfter(opensAt)) {
            throw new ClientException(ErrorCode.INVALID_EVENT, "closesAt must be after opensAt");
        }
        if (type == EventType.RAFFLE && closesAt == null) {
            throw new ClientException(ErrorCode.INVALID_EVENT, "a raffle needs closesAt: it is drawn after it closes");
        }
    }
}
