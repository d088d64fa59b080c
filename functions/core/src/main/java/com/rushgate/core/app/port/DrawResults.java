package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import java.util.List;
import java.util.Optional;

/**
 * Where draws are published: the analytics bucket, one folder per draw holding the summary, the
 * entry list and the winners. A draw's folder is written once and never changed; two draws that
 * race write two folders, and the one the event records is the result.
 *
 * @throws RetryableException from every method when the store throttles or times out
 */
public interface DrawResults {

    /** Starts a draw's entry list in a new folder; nothing is readable until {@link EntryList#publish}. */
    EntryList begin(String eventId);

    /**
     * Adds {@code draw}, the one the event recorded, to the analytics table of draws: one line per
     * raffle, with its counts and times (not its lists).
     */
    void announce(PublishedDraw draw);

    /** The published draw at {@code location}; empty when nothing was published there. */
    Optional<PublishedDraw> read(String location);

    /**
     * One page of a published list at {@code location}: lines {@code page * pageSize} onwards, at
     * most {@code pageSize} of them; empty past the end, and when nothing was published at {@code location}.
     */
    List<RequestId> page(String location, DrawFile file, int page, int pageSize);

    /** The lists a draw publishes. */
    enum DrawFile {
        /** Every entry of the draw, one requestId per line, in no particular order. */
        ENTRIES,
        /** The winners, best ticket first. */
        WINNERS
    }

    /** A draw's entry list being written. */
    interface EntryList extends AutoCloseable {

        /** The folder this list is written to. */
        String location();

        void add(RequestId entry);

        /**
         * Publishes the entry list, the winners and the summary; {@code draw.location()} must be
         * {@link #location()}.
         */
        void publish(PublishedDraw draw);

        /** Drops what was written when the draw does not go ahead; a no-op after {@link #publish}. */
        @Override
        void close();
    }
}
