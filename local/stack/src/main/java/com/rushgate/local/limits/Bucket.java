package com.rushgate.local.limits;

/**
 * A token bucket of capacity units: {@code rate} units per second, holding at most one second's
 * worth. A request is admitted when the bucket holds at least its units, or when it is full
 * (an item larger than a second's capacity still goes through, and leaves the bucket in debt);
 * what a call really consumed is settled afterwards and may also leave it in debt, which throttles
 * the next requests until the refill pays it back. Not thread-safe: {@link Throughput} locks.
 */
final class Bucket {

    private final double rate;
    private final double capacity;
    private double tokens;
    private long last;

    Bucket(double rate, long nowNanos) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.rate = rate;
        this.capacity = rate;
        this.tokens = rate;
        this.last = nowNanos;
    }

    private void refill(long nowNanos) {
        double elapsed = Math.max(0, nowNanos - last) / 1e9;
        tokens = Math.min(capacity, tokens + elapsed * rate);
        last = Math.max(last, nowNanos);
    }

    boolean admits(double units, long nowNanos) {
        refill(nowNanos);
        return tokens >= units || tokens >= capacity;
    }

    /** Takes (or with a negative amount gives back) units, whatever the bucket holds. */
    void charge(double units, long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(capacity, tokens - units);
    }

    double tokens(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    double rate() {
        return rate;
    }
}
