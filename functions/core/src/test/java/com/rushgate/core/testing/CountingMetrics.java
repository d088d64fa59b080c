package com.rushgate.core.testing;

import com.rushgate.core.app.port.BusinessMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every business metric, for assertions. */
public final class CountingMetrics implements BusinessMetrics {

    public final AtomicInteger accepted = new AtomicInteger();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final AtomicInteger succeeded = new AtomicInteger();
    public final AtomicInteger rejected = new AtomicInteger();
    public final AtomicInteger failedFinal = new AtomicInteger();
    public final AtomicInteger retried = new AtomicInteger();
    public final AtomicInteger deadLettered = new AtomicInteger();
    public final AtomicInteger redriven = new AtomicInteger();
    public final AtomicInteger requeued = new AtomicInteger();
    public final AtomicInteger gaveUp = new AtomicInteger();

    @Override
    public void accepted() {
        accepted.incrementAndGet();
    }

    @Override
    public void duplicate() {
        duplicates.incrementAndGet();
    }

    @Override
    public void succeeded(Duration latency) {
        succeeded.incrementAndGet();
    }

    @Override
    public void rejected(Duration latency) {
        rejected.incrementAndGet();
    }

    @Override
    public void failedFinal() {
        failedFinal.incrementAndGet();
    }

    @Override
    public void retried() {
        retried.incrementAndGet();
    }

    @Override
    public void deadLettered() {
        deadLettered.incrementAndGet();
    }

    @Override
    public void redriven() {
        redriven.incrementAndGet();
    }

    @Override
    public void requeued() {
        requeued.incrementAndGet();
    }

    @Override
    public void gaveUp() {
        gaveUp.incrementAndGet();
    }
}
