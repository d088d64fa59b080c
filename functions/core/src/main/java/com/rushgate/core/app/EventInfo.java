package com.rushgate.core.app;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as the public sees it: no personal data, nothing secret (a raffle's seed appears only
 * once drawn).
 *
 * @param event  the event
 * @param state  UPCOMING, OPEN, SOLD_OUT (FCFS, open with no stock left), CLOSED, or DRAWN (a raffle
 *               whose draw is published)
 * @param drawAt a raffle's draw time (its close plus the settle window); null for FCFS
 */
public record EventInfo(Event event, State state, Instant drawAt) {

    /** Where an event stands for a participant. */
    public enum State { UPCOMING, OPEN, SOLD_OUT, CLOSED, DRAWN }

    public EventInfo {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(state, "state");
    }

    static EventInfo of(Event event, Instant now, Duration settle) {
        State state = switch (event.availabilityAt(now)) {
            case NOT_OPEN -> State.UPCOMING;
            case OPEN -> event.type() == EventType.FCFS && event.remaining() == 0 ? State.SOLD_OUT : State.OPEN;
            case CLOSED -> event.drawn() ? State.DRAWN : State.CLOSED;
        };
        Instant drawAt = event.type() == EventType.RAFFLE ? event.closesAt().plus(settle) : null;
        return new EventInfo(event, state, drawAt);
    }
}
