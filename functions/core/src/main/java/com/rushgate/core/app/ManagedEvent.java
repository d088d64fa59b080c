package com.rushgate.core.app;

import com.rushgate.core.domain.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as operators see it: all of it (stock, window, a raffle's commitment and draw), and
 * where it stands now.
 *
 * @param event the event as the table holds it
 * @param state UPCOMING before opensAt, OPEN until closesAt, CLOSED from then on
 */
public record ManagedEvent(Event event, State state) {

    /** Where an event stands for an operator: its window only (stock and draw are in the event). */
    public enum State { UPCOMING, OPEN, CLOSED }

    public ManagedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(state, "state");
    }

    public static ManagedEvent of(Event event, Instant now) {
        State state = switch (event.availabilityAt(now)) {
            case NOT_OPEN -> State.UPCOMING;
            case OPEN -> State.OPEN;
            case CLOSED -> State.CLOSED;
        };
        return new ManagedEvent(event, state);
    }
}
