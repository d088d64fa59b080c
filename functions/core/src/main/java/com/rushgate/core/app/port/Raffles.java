package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.Raffle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The raffles' side of the EventTable: the seed, kept apart from the event so that only the
 * functions read it, and the draw's state on the event item. Every change is a guarded update of
 * the fields it names, never a whole-item put, so it cannot undo a concurrent change.
 *
 * @throws RetryableException from every method when the table throttles or times out; repeating
 *                            the call is safe
 */
public interface Raffles {

    /**
     * Creates {@code event} (with {@link Raffle#committedTo} {@code seed} for a raffle, none for
     * FCFS) and, for a raffle, its seed, in one atomic step.
     *
     * @return false when an event with that id exists (nothing is written)
     */
    boolean create(Event event, Optional<DrawSeed> seed);

    /** The seed of a raffle; empty for an unknown event or one created without a seed. */
    Optional<DrawSeed> seed(String eventId);

    /**
     * Records the draw: the event's raffle moves from OPEN to {@code drawn} (DRAWN, with the seed
     * revealed). False when it was not OPEN any more: another draw was recorded first.
     */
    boolean recordDraw(String eventId, Raffle drawn);

    /** Notes that the entries' decisions were sent at {@code at}. Only on a DRAWN raffle. */
    void recordFanOut(String eventId, Instant at);

    /** DRAWN to FINALISED: every entry is decided. False when it was not DRAWN. */
    boolean finalise(String eventId);

    /**
     * Raffles whose draw is not finished: OPEN and closed at or before {@code closedBy}, or DRAWN.
     * Read with a scan of the EventTable, which holds one item per event (and one per seed).
     */
    List<Event> unfinished(Instant closedBy);
}
