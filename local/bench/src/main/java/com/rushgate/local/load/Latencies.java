package com.rushgate.local.load;

import java.util.Arrays;

/** Response times of one run, in nanoseconds, sorted once and read as percentiles in milliseconds. */
public final class Latencies {

    private final long[] sortedNanos;

    public Latencies(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** The nearest-rank percentile (0 < p <= 100), in milliseconds; 0 for an empty run. */
    public double percentileMs(double percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    public double maxMs() {
        return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** Every value in milliseconds, ascending (for distribution charts). */
    public double[] sortedMs() {
        return Arrays.stream(sortedNanos).mapToDouble(n -> n / 1e6).toArray();
    }
}
