package com.rushgate.core.app;

import com.rushgate.core.app.port.EventCounts;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.ManagedEvents.Restock;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' changes of an existing event: close, restock, a new window or seed, delete. Each is
 * judged on the event as the table holds it now, then written with a condition that the event has
 * not changed meanwhile (restock: that the stock still allows it), so a change never undoes another
 * nor what the allocator and the draw write. A lost race is judged again on the new state.
 *
 * <p>The rules protect what participants were told: a request accepted before the close is never
 * refused because the close moved earlier; an opening is not moved once requests may have been
 * accepted; a raffle's published commitment is fixed once it opens; units granted stay granted.
 */
public final class EventChangesUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(EventChangesUseCase.class);
    /** Judge-and-write rounds before giving up on an event that keeps changing. */
    private static final int ATTEMPTS = 3;

    private final ManagedEvents events;
    private final EventCounts counts;
    private final Supplier<DrawSeed> seeds;
    private final Clock clock;

    /** @param seeds a new random seed per call, for a reseed */
    public EventChangesUseCase(ManagedEvents events, EventCounts counts, Supplier<DrawSeed> seeds, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Closes the event at {@code at} (null: now). A close later than the event's own closesAt changes
     * nothing.
     *
     * @throws ClientException EVENT_NOT_FOUND; CLOSES_BEFORE_ACCEPTED when {@code at} is before now;
     *                         EVENT_CLOSED when it closed already; EVENT_NOT_OPEN when {@code at} is not
     *                         after its opening
     */
    public ManagedEvent close(String eventId, Instant at) {
        return apply(eventId, (event, now) -> {
            Instant closeAt = at == null ? now : at;
            if (closeAt.isBefore(now)) {
                throw new ClientException(ErrorCode.CLOSES_BEFORE_ACCEPTED, "cannot close at " + closeAt
                        + ", before now (" + now + "): requests accepted since then were told they are in");
            }
            if (isClosed(event, now)) {
                throw new ClientException(ErrorCode.EVENT_CLOSED, "event " + eventId + " closed at " + event.closesAt());
            }
            if (!closeAt.isAfter(event.opensAt())) {
                throw new ClientException(ErrorCode.EVENT_NOT_OPEN, "event " + eventId + " opens at " + event.opensAt()
                        + ": a close at " + closeAt + " would end it before it opens; delete it, or close it later");
            }
            if (event.closesAt() != null && !event.closesAt().isAfter(closeAt)) {
                return Optional.empty();
            }
            return Optional.of(new Change(window(event, event.opensAt(), closeAt), Optional.empty()));
        });
    }

    /**
     * Adds {@code units} of stock to an FCFS event (negative: removes them); capacity and remaining
     * move together in one guarded update, so the units granted never change.
     *
     * @throws ClientException INVALID_BODY for 0 units or a capacity past 2147483647; EVENT_NOT_FOUND;
     *                         NOT_FCFS for a raffle; CAPACITY_BELOW_GRANTED when fewer units remain
     *                         than the shrink removes
     */
    public ManagedEvent restock(String eventId, int units) {
        if (units == 0) {
            throw new ClientException(ErrorCode.INVALID_BODY, "units must be a whole number other than 0");
        }
        Restock result = events.restock(eventId, units);
        if (result instanceof Restock.Done done) {
            LOG.info("event {} restocked by {}: capacity {}, remaining {}", eventId, units, done.event().capacity(),
                    done.event().remaining());
            return ManagedEvent.of(done.event(), clock.instant());
        }
        if (result instanceof Restock.Refused refused) {
            Event current = refused.current();
            if (current.type() != EventType.FCFS) {
                throw new ClientException(ErrorCode.NOT_FCFS, "event " + eventId
                        + " is a raffle: its capacity is the winners to draw, not stock to restock");
            }
            int granted = current.capacity() - current.remaining();
            if (units < 0 && current.remaining() < -units) {
                throw new ClientException(ErrorCode.CAPACITY_BELOW_GRANTED, "capacity cannot shrink below the "
                        + granted + " units already granted: it is " + current.capacity() + ", so it can shrink by "
                        + current.remaining() + " at most");
            }
            throw new ClientException(ErrorCode.INVALID_BODY, "capacity " + current.capacity() + " cannot grow by "
                    + units + ": it would pass " + Integer.MAX_VALUE);
        }
        throw notFound(eventId);
    }

    /**
     * Moves the window or gives a raffle a new seed.
     *
     * @throws ClientException EVENT_NOT_FOUND; ALREADY_OPEN (opensAt of an event that opened);
     *                         NOT_A_RAFFLE (reseed of FCFS); COMMITMENT_FIXED (reseed after opening);
     *                         EVENT_CLOSED (a closed event, or a drawn raffle); CLOSES_BEFORE_ACCEPTED
     *                         (closesAt before now on an event that opened); INVALID_EVENT (a window
     *                         that closes before it opens)
     */
    public ManagedEvent change(String eventId, EventPatch patch) {
        Objects.requireNonNull(patch, "patch");
        return apply(eventId, (event, now) -> {
            boolean opened = !now.isBefore(event.opensAt());
            if (event.drawn()) {
                throw new ClientException(ErrorCode.EVENT_CLOSED, "raffle " + eventId + " was drawn at "
                        + event.raffle().drawnAt() + ": it cannot change");
            }
            if (patch.opensAt() != null && opened) {
                throw new ClientException(ErrorCode.ALREADY_OPEN, "event " + eventId + " opened at " + event.opensAt()
                        + ": its opening cannot move, requests may have been accepted since");
            }
            if (patch.reseed() && event.type() != EventType.RAFFLE) {
                throw new ClientException(ErrorCode.NOT_A_RAFFLE, "event " + eventId
                        + " is first come, first served: it has no seed");
            }
            if (patch.reseed() && opened) {
                throw new ClientException(ErrorCode.COMMITMENT_FIXED, "raffle " + eventId + " opened at "
                        + event.opensAt() + " with its commitment published: the seed cannot change");
            }
            if (patch.closesAt() != null && isClosed(event, now)) {
                throw new ClientException(ErrorCode.EVENT_CLOSED, "event " + eventId + " closed at " + event.closesAt()
                        + ": it cannot reopen");
            }
            if (patch.closesAt() != null && opened && patch.closesAt().isBefore(now)) {
                throw new ClientException(ErrorCode.CLOSES_BEFORE_ACCEPTED, "event " + eventId
                        + " is open: a close at " + patch.closesAt() + ", before now (" + now
                        + "), would refuse requests it has accepted since");
            }
            Instant opensAt = patch.opensAt() == null ? event.opensAt() : patch.opensAt();
            Instant closesAt = patch.closesAt() == null ? event.closesAt() : patch.closesAt();
            if (closesAt != null && !closesAt.isAfter(opensAt)) {
                throw new ClientException(ErrorCode.INVALID_EVENT, "closesAt (" + closesAt + ") must be after opensAt ("
                        + opensAt + ")");
            }
            Event changed = window(event, opensAt, closesAt);
            Optional<DrawSeed> seed = Optional.empty();
            if (patch.reseed()) {
                seed = Optional.of(seeds.get());
                changed = changed.withRaffle(Raffle.committedTo(seed.get()));
            }
            return Optional.of(new Change(changed, seed));
        });
    }

    /**
     * Deletes an event, and a raffle's seed with it: always before it opens; after that only once it
     * closed, its counts run past the close and they show no request accepted.
     *
     * @throws ClientException EVENT_NOT_FOUND; EVENT_HAS_REQUESTS otherwise, saying which condition
     *                         is not met
     */
    public void delete(String eventId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Event event = read(eventId);
            Instant now = clock.instant();
            if (!now.isBefore(event.opensAt())) {
                mayDeleteOpened(event, now);
            }
            if (events.delete(event)) {
                LOG.info("event {} deleted", eventId);
                return;
            }
        }
        throw changing(eventId);
    }

    private void mayDeleteOpened(Event event, Instant now) {
        String id = event.eventId();
        if (!isClosed(event, now)) {
            throw new ClientException(ErrorCode.EVENT_HAS_REQUESTS, "event " + id
                    + " is open and may take requests at any moment: close it, then delete it once its counts show none");
        }
        Counts counted = counts.read(id, now);
        if (counted.accepted() > 0) {
            throw new ClientException(ErrorCode.EVENT_HAS_REQUESTS, "event " + id + " accepted " + counted.accepted()
                    + " requests: their participants were told they are in, so it stays");
        }
        if (counted.countedThrough() == null || !counted.countedThrough().isAfter(event.closesAt())) {
            throw new ClientException(ErrorCode.EVENT_HAS_REQUESTS, "event " + id + " closed at " + event.closesAt()
                    + " but its counts run only to " + (counted.countedThrough() == null ? "nothing yet"
                    : counted.countedThrough()) + ": a request accepted before the close may not be counted yet");
        }
    }

    /** A judged change: the event it becomes, and a new seed for a new commitment. */
    private record Change(Event changed, Optional<DrawSeed> seed) {
    }

    /** Judges an event as it is now: the change to write, empty for none, or a refusal. */
    @FunctionalInterface
    private interface Judge {
        Optional<Change> judge(Event event, Instant now);
    }

    private ManagedEvent apply(String eventId, Judge judge) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Event event = read(eventId);
            Instant now = clock.instant();
            Optional<Change> change = judge.judge(event, now);
            if (change.isEmpty()) {
                return ManagedEvent.of(event, now);
            }
            if (events.change(event, change.get().changed(), change.get().seed())) {
                LOG.info("event {} changed: {}", eventId, change.get().changed());
                return ManagedEvent.of(change.get().changed(), now);
            }
        }
        throw changing(eventId);
    }

    private Event read(String eventId) {
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return events.find(eventId).orElseThrow(() -> notFound(eventId));
    }

    private static boolean isClosed(Event event, Instant now) {
        return event.closesAt() != null && !now.isBefore(event.closesAt());
    }

    /** {@code event} with another window; stock and raffle as they are. */
    private static Event window(Event event, Instant opensAt, Instant closesAt) {
        return new Event(event.eventId(), event.type(), event.capacity(), event.remaining(), opensAt, closesAt,
                event.raffle());
    }

    private static ClientException notFound(String eventId) {
        return new ClientException(ErrorCode.EVENT_NOT_FOUND, "no event " + eventId);
    }

    private static RetryableException changing(String eventId) {
        return new RetryableException("event " + eventId + " kept changing while it was being changed; try again");
    }
}
