package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An FCFS event's stock and the one allocator that may grant it, on the event's item.
 *
 * <p>Only the holder of the allocation lease grants, and a grant is one atomic step: the stock goes
 * down by k, the k requests become SUCCEEDED, the cursor (how far the line has been served) moves,
 * and the lease is renewed, all or nothing. So stock and results never disagree, no unit is
 * granted twice, and two allocators never race on the stock.
 *
 * <p>Every method throws {@link RetryableException} on throttling, a transaction conflict or a
 * timeout; nothing changed then, or the change is exactly the one asked (repeating is safe).
 */
public interface StockLedger {

    /** The event's stock and allocator. {@code consistent}: a strongly consistent read. */
    Optional<State> read(String eventId, boolean consistent);

    /**
     * Takes the allocation lease for {@code holder} until {@code until} if nobody else holds a live
     * one (or renews it when {@code holder} has it).
     *
     * @return the lease taken with the state it protects, or who holds it, or that another
     *         allocator is granting this instant; empty for an unknown event
     */
    Optional<LeaseResult> acquire(String eventId, String holder, Instant now, Instant until);

    /**
     * Grants one unit each to {@code winners}, in one atomic step with moving the cursor to
     * {@code cursor} and renewing the lease until {@code leaseUntil}, provided {@code holder} still
     * holds the lease and the stock is still {@code before.remaining()}. Winners may be in any state
     * but SUCCEEDED or REJECTED. With no winners only the cursor and the lease move.
     */
    GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners, ArrivalKey cursor,
                      Instant leaseUntil, Instant now);

    /** Gives the lease back so another allocator can start at once. Does nothing if it was lost. */
    void release(String eventId, String holder);

    /**
     * @param remaining  units not granted yet
     * @param cursor     the last arrival the allocators have served (granted or passed over)
     * @param holder     who holds the allocation lease, if anybody ever did
     * @param leaseUntil until when that lease is live
     */
    record State(int remaining, Optional<ArrivalKey> cursor, Optional<String> holder, Instant leaseUntil) {

        public State {
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(leaseUntil, "leaseUntil");
        }

        /** Whether somebody other than {@code me} holds a live lease at {@code now}. */
        public boolean heldByOtherAt(String me, Instant now) {
            return holder.isPresent() && !holder.get().equals(me) && !leaseUntil.isBefore(now);
        }
    }

    /** The outcome of {@link #acquire}. */
    sealed interface LeaseResult {

        record Acquired(State state) implements LeaseResult {
        }

        record HeldElsewhere(State state) implements LeaseResult {
        }

        /**
         * The event item is inside another allocator's grant in flight (DynamoDB refused the write
         * with TransactionConflictException): somebody holds the lease and is granting right now.
         */
        record Granting() implements LeaseResult {
        }
    }

    /** The outcome of {@link #grant}; nothing changed unless it is {@link Granted}. */
    sealed interface GrantResult {

        record Granted(State state) implements GrantResult {
        }

        /** Another allocator took the lease over: stop, it continues from the cursor. */
        record LeaseLost() implements GrantResult {
        }

        /** The stock is not what the allocator read (an operator changed it): read the state again. */
        record StockChanged() implements GrantResult {
        }

        /** These winners were decided already (the index lagged): leave them out and grant again. */
        record AlreadyDecided(Set<RequestId> requestIds) implements GrantResult {
        }
    }
}
