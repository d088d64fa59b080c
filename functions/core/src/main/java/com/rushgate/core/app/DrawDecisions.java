package com.rushgate.core.app;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One chunk of a raffle's decisions, as it travels on the work queue: a worker takes each from
 * ENTERED, so a chunk delivered twice, or resent after a crash, decides nothing twice.
 *
 * @param eventId the raffle
 * @param drawnAt when its draw ran
 * @param entries the entries decided, at most {@link #MAX_ENTRIES}
 */
public record DrawDecisions(String eventId, Instant drawnAt, List<EntryDecision> entries) {

    /** Entries per chunk: about 8 KB of message, and a few seconds of conditional writes for a worker. */
    public static final int MAX_ENTRIES = 100;

    public DrawDecisions {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(drawnAt, "drawnAt");
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a chunk holds 1 to " + MAX_ENTRIES + " decisions, got " + entries.size());
        }
    }
}
