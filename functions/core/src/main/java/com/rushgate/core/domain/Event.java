package com.rushgate.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A drop or a raffle, as the EventTable holds it.
 *
 * @param eventId   {@code ^[A-Za-z0-9_-]{1,64}$}
 * @param type      FCFS or RAFFLE
 * @param capacity  FCFS: units of stock; RAFFLE: winners to draw later
 * @param remaining FCFS: units still available (the worker's transaction decrements it); RAFFLE: equal to capacity
 * @param opensAt   first instant at which requests are accepted (inclusive)
 * @param closesAt  instant from which requests are refused (exclusive); null when the event never closes
 * @param raffle    RAFFLE: the commitment and the draw; null for FCFS (and for a raffle stored without one)
 */
public record Event(String eventId, EventType type, int capacity, int remaining, Instant opensAt, Instant closesAt,
                    Raffle raffle) {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(opensAt, "opensAt");
        if (!isValidEventId(eventId)) {
            throw new IllegalArgumentException("eventId must match ^[A-Za-z0-9_-]{1,64}$");
        }
        if (capacity < 0 || remaining < 0 || remaining > capacity) {
            throw new IllegalArgumentException("need 0 <= remaining <= capacity, got remaining=" + remaining
                    + " capacity=" + capacity);
        }
        if (closesAt != null && !closesAt.isAfter(opensAt)) {
            throw new IllegalArgumentException("closesAt must be after opensAt");
        }
        if (type == EventType.RAFFLE && closesAt == null) {
            throw new IllegalArgumentException("a raffle needs closesAt: its draw runs after it closes");
        }
        if (raffle != null && type != EventType.RAFFLE) {
            throw new IllegalArgumentException("only a RAFFLE event has a draw");
        }
    }

    /** An event without a draw: FCFS, or a raffle stored without a commitment. */
    public Event(String eventId, EventType type, int capacity, int remaining, Instant opensAt, Instant closesAt) {
        this(eventId, type, capacity, remaining, opensAt, closesAt, null);
    }

    /** Whether this raffle's draw has run: entries reaching a worker now are not in it. */
    public boolean drawn() {
        return raffle != null && raffle.drawn();
    }

    /** The same event with {@code draw} as its raffle. */
    public Event withRaffle(Raffle draw) {
        return new Event(eventId, type, capacity, remaining, opensAt, closesAt, draw);
    }

    /** A new event with all its stock. */
    public static Event create(String eventId, EventType type, int capacity, Instant opensAt, Instant closesAt) {
        return new Event(eventId, type, capacity, capacity, opensAt, closesAt);
    }

    public static boolean isValidEventId(String candidate) {
        return candidate != null && EVENT_ID.matcher(candidate).matches();
    }

    /** Whether the event takes requests at {@code instant}: opensAt inclusive, closesAt exclusive. */
    public Availability availabilityAt(Instant instant) {
        if (instant.isBefore(opensAt)) {
            return Availability.NOT_OPEN;
        }
        if (closesAt != null && !instant.isBefore(closesAt)) {
            return Availability.CLOSED;
        }
        return Availability.OPEN;
    }
}
