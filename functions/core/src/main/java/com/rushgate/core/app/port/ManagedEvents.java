package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import java.util.List;
import java.util.Optional;

/**
 * The operators' side of the EventTable: every change is one guarded write (an UpdateItem, a
 * conditional Delete, or a transaction of them with the raffle's seed item), never a whole-item put
 * over a live event, so it cannot undo what the allocator or a draw wrote meanwhile.
 *
 * @throws RetryableException from every method when the table throttles or times out; repeating
 *                            the call is safe
 */
public interface ManagedEvents {

    /** Every event, sorted by id: a scan, for operators only. Items that are not events are skipped. */
    List<Event> list();

    /** The event as the table holds it now (a strongly consistent read). */
    Optional<Event> find(String eventId);

    /**
     * Adds {@code units} (negative: removes them) to an FCFS event's capacity and remaining stock
     * together, in one update: granted units (capacity - remaining) never change. A shrink is refused
     * unless {@code remaining >= -units} at the moment of the write.
     */
    Restock restock(String eventId, int units);

    /**
     * Gives {@code expected} the window (opensAt, closesAt) and commitment of {@code changed}, and for
     * a new commitment stores {@code seed} in the raffle's seed item, in one atomic step, if the item
     * still has {@code expected}'s type, window, commitment and draw state. Stock and the allocator's
     * fields are left as they are.
     *
     * @return false when the event changed meanwhile or is gone (nothing is written)
     */
    boolean change(Event expected, Event changed, Optional<DrawSeed> seed);

    /**
     * Deletes the event and, for a raffle, its seed item, if the event still has {@code expected}'s
     * type, window and draw state.
     *
     * @return false when the event changed meanwhile or is gone (nothing is deleted)
     */
    boolean delete(Event expected);

    /** What a restock came to. */
    sealed interface Restock {

        /** Done: the event as it is after the update. */
        record Done(Event event) implements Restock {
        }

        /** No such event. */
        record NotFound() implements Restock {
        }

        /** Refused; {@code current} is the event as the table held it when the update was refused. */
        record Refused(Event current) implements Restock {
        }
    }
}
