package com.rushgate.core.domain;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Log-bucketed latencies in milliseconds: bucket 0 holds 0 ms, bucket {@code b >= 1} holds
 * {@code [1.1^(b-1), 1.1^b)} ms, so each bucket is 10% wider than the one before and an hour
 * (3.6 million ms) is bucket 160. Counters can add buckets without knowing the values that fell in them.
 *
 * <p>Error bound: a percentile read from the buckets is the upper edge of the bucket the true
 * value lies in, rounded up to a whole millisecond: never below the exact value, and at most 10%
 * (plus 1 ms) above it.
 */
public final class LatencyHistogram {

    /** Each bucket's upper edge is this times its lower edge. */
    public static final double GROWTH = 1.1;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private LatencyHistogram() {
    }

    /** The bucket of a latency; negative latencies (clock skew) count as 0 ms. */
    public static int bucket(long millis) {
        if (millis <= 0) {
            return 0;
        }
        int bucket = 1 + (int) Math.floor(Math.log(millis) / LOG_GROWTH);
        // floating point can put an exact power of 1.1 one bucket low or high: settle it on the edges
        while (millis >= upperEdge(bucket)) {
            bucket++;
        }
        while (bucket > 1 && millis < upperEdge(bucket - 1)) {
            bucket--;
        }
        return bucket;
    }

    /** The exclusive upper edge of a bucket, in ms (1 for bucket 0). */
    public static double upperEdge(int bucket) {
        return bucket == 0 ? 1 : Math.pow(GROWTH, bucket);
    }

    /**
     * The {@code quantile} (0 < q <= 1, nearest rank) of the latencies counted in {@code counts}
     * (bucket to how many), as the upper edge of its bucket rounded up to a whole ms; null when
     * nothing was counted.
     */
    public static Long quantile(Map<Integer, Long> counts, double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1]: " + quantile);
        }
        SortedMap<Integer, Long> sorted = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Integer, Long> entry : counts.entrySet()) {
            if (entry.getValue() > 0) {
                sorted.merge(entry.getKey(), entry.getValue(), Long::sum);
                total += entry.getValue();
            }
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        int bucket = sorted.lastKey();
        for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                bucket = entry.getKey();
                break;
            }
        }
        return bucket == 0 ? 0L : (long) Math.ceil(upperEdge(bucket));
    }
}
