package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import java.time.Instant;
import java.util.Map;

/**
 * An event's live counts for operators, kept by counters as requests change state, so that reading
 * them never scans the requests. They trail the requests by the counters' feed (a second or two):
 * {@link Counts#countedThrough()} says how far they go.
 *
 * @throws RetryableException when the store fails or times out
 */
public interface EventCounts {

    /** The event's counts now; all zero, with {@code countedThrough} null, when nothing was counted yet. */
    Counts read(String eventId, Instant now);

    /**
     * @param accepted             requests recorded for the event
     * @param inFlight             requests in each state that is not final, by state name
     * @param succeeded            requests that won
     * @param rejected             requests refused or that lost, by reason
     * @param failed               requests in FAILED_FINAL now (each has its message in the DLQ)
     * @param decisionLatencyP95Ms the 95th percentile of acceptance-to-decision over the window, or null
     *                             when nothing was decided in it
     * @param latencyWindowMinutes the window of the latency, in minutes up to now
     * @param countedThrough       when the newest change counted happened, or null
     */
    record Counts(long accepted, Map<String, Long> inFlight, long succeeded, Map<String, Long> rejected, long failed,
                  Long decisionLatencyP95Ms, int latencyWindowMinutes, Instant countedThrough) {

        public Counts {
            inFlight = Map.copyOf(inFlight);
            rejected = Map.copyOf(rejected);
        }

        /** Nothing counted yet. */
        public static Counts none(int latencyWindowMinutes) {
            return new Counts(0, Map.of(), 0, Map.of(), 0, null, latencyWindowMinutes, null);
        }
    }
}
