package com.rushgate.admin;

import com.rushgate.core.app.port.EventCounts;
import java.time.Instant;

/**
 * A placeholder for the event counters, until their DynamoDB adapter (fed by the Tally function) is
 * wired: every event reads as nothing counted yet, so GET /admin/events/{eventId} answers zero counts
 * with {@code countedThrough} null, and an event that opened can never be deleted (its counts never
 * run past its close).
 */
final class NoCountsYet implements EventCounts {

    /** The latency window the counters will report, in minutes. */
    static final int LATENCY_WINDOW_MINUTES = 5;

    @Override
    public Counts read(String eventId, Instant now) {
        return Counts.none(LATENCY_WINDOW_MINUTES);
    }
}
