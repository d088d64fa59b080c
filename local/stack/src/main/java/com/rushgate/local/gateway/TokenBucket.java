package com.rushgate.local.gateway;

/**
 * API Gateway's throttle: a bucket of {@code burst} tokens refilled at {@code rate} per second;
 * a request without a token gets 429.
 */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, long nowNanos) {
        if (rate <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        double elapsedSeconds = Math.max(0, nowNanos - last) / 1e9;
        tokens = Math.min(burst, tokens + elapsedSeconds * rate);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket would be full at this time, i.e. it holds no memory of recent requests. */
    synchronized boolean isFull(long nowNanos) {
        double elapsedSeconds = Math.max(0, nowNanos - last) / 1e9;
        return tokens + elapsedSeconds * rate >= burst;
    }
}
