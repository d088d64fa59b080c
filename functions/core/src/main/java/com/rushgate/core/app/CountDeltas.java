package com.rushgate.core.app;

import com.rushgate.core.domain.LatencyHistogram;
import com.rushgate.core.domain.RequestStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What a run of one event's {@link StatusChange}s adds to its counters: an insert adds one accepted
 * request in its state; a change of status takes one from the old state's counter and adds one to
 * the new one's; a removal (TTL) changes nothing. A decision also adds its latency to the histogram
 * of the minute it was decided in.
 *
 * @param counters       counter name to delta, zeros left out
 * @param latency        latency slot (minute) to histogram bucket to count
 * @param firstSequence  the first change's sequence number
 * @param lastSequence   the last change's sequence number
 * @param newest         the latest recordedAt of the changes
 */
public record CountDeltas(Map<String, Long> counters, Map<Long, Map<Integer, Long>> latency,
                          BigInteger firstSequence, BigInteger lastSequence, Instant newest) {

    /** The most latency minutes one write may carry (a transaction holds 100 items, one is the totals). */
    public static final int MAX_MINUTES = 99;

    /**
     * Folds changes, in order.
     *
     * @param counterOf the counter a request in a status (with a reason) is counted under
     * @throws IllegalArgumentException when {@code changes} is empty
     */
    public static CountDeltas fold(List<StatusChange> changes, BiFunction<RequestStatus, String, String> counterOf,
                                   String acceptedCounter) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("no changes to fold");
        }
        Map<String, Long> counters = new TreeMap<>();
        Map<Long, Map<Integer, Long>> latency = new TreeMap<>();
        Instant newest = Instant.MIN;
        for (StatusChange change : changes) {
            newest = change.recordedAt().isAfter(newest) ? change.recordedAt() : newest;
            switch (change.kind()) {
                case INSERT -> {
                    counters.merge(acceptedCounter, 1L, Long::sum);
                    counters.merge(counterOf.apply(change.newStatus(), change.newReason()), 1L, Long::sum);
                }
                case MODIFY -> {
                    String before = counterOf.apply(change.oldStatus(), change.oldReason());
                    String after = counterOf.apply(change.newStatus(), change.newReason());
                    if (!before.equals(after)) {
                        counters.merge(before, -1L, Long::sum);
                        counters.merge(after, 1L, Long::sum);
                    }
                }
                case REMOVE -> {
                    // TTL expiry or cleanup: what the request was stays counted
                }
            }
            if (change.decides() && change.latencyMillis() != null) {
                Instant decidedAt = change.decidedAt() != null ? change.decidedAt() : change.recordedAt();
                latency.computeIfAbsent(minute(decidedAt), m -> new TreeMap<>())
                        .merge(LatencyHistogram.bucket(change.latencyMillis()), 1L, Long::sum);
            }
        }
        counters.values().removeIf(delta -> delta == 0);
        return new CountDeltas(Map.copyOf(counters), Map.copyOf(latency), changes.get(0).sequenceNumber(),
                changes.get(changes.size() - 1).sequenceNumber(), newest);
    }

    /**
     * Cuts {@code changes} into runs whose decisions fall in at most {@code maxMinutes} minutes, in
     * order, so that each run is one write.
     */
    public static List<List<StatusChange>> runs(List<StatusChange> changes, int maxMinutes) {
        List<List<StatusChange>> runs = new ArrayList<>();
        List<StatusChange> run = new ArrayList<>();
        Set<Long> minutes = new HashSet<>();
        for (StatusChange change : changes) {
            if (change.decides() && change.latencyMillis() != null) {
                long minute = minute(change.decidedAt() != null ? change.decidedAt() : change.recordedAt());
                if (!minutes.contains(minute) && minutes.size() == maxMinutes) {
                    runs.add(run);
                    run = new ArrayList<>();
                    minutes.clear();
                }
                minutes.add(minute);
            }
            run.add(change);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** The changes of each event, in their order, events in the order of their first change. */
    public static Map<String, List<StatusChange>> byEvent(List<StatusChange> changes) {
        Map<String, List<StatusChange>> byEvent = new LinkedHashMap<>();
        for (StatusChange change : changes) {
            byEvent.computeIfAbsent(change.eventId(), id -> new ArrayList<>()).add(change);
        }
        return byEvent;
    }

    /** Epoch minute of an instant. */
    public static long minute(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 60_000L);
    }
}
