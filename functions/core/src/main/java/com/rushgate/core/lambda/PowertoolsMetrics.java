package com.rushgate.core.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rushgate.core.app.port.BusinessMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.cloudwatchlogs.emf.exception.DimensionSetExceededException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException;
import software.amazon.cloudwatchlogs.emf.exception.InvalidNamespaceException;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link BusinessMetrics} as CloudWatch Embedded Metric Format, through Powertools. Counts are
 * collected lock-free while an invocation runs (the worker decides records in parallel) and
 * handed to Powertools from one thread in {@link #publish()}, once per invocation.
 *
 * <p>While a function primes itself for a SnapStart snapshot ({@link #silenced}), whatever its code
 * paths count is dropped: priming must never publish figures that look like real traffic.
 *
 * <p>Namespace and service come from the function's {@code POWERTOOLS_METRICS_NAMESPACE} and
 * {@code POWERTOOLS_SERVICE_NAME}, read through {@link com.rushgate.core.config.Env} so the local
 * stack sees the same values as Lambda.
 */
public final class PowertoolsMetrics implements BusinessMetrics {

    /** The metric names, in the order {@link #drain()} returns the counts. */
    private static final String[] NAMES = {"Accepted", "Duplicate", "Succeeded", "Rejected", "FailedFinal", "Retried",
        "DeadLettered", "Redriven", "ReconcileRequeued", "ReconcileGaveUp"};

    private final String namespace;
    private final String service;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failedFinal = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder redriven = new LongAdder();
    private final LongAdder requeued = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final ConcurrentLinkedQueue<Long> latenciesMs = new ConcurrentLinkedQueue<>();
    private final AtomicLong documents = new AtomicLong();
    private volatile boolean silenced;

    public PowertoolsMetrics(String namespace, String service) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void accepted() {
        accepted.increment();
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void succeeded(Duration latency) {
        succeeded.increment();
        latenciesMs.add(latency.toMillis());
    }

    @Override
    public void rejected(Duration latency) {
        rejected.increment();
        latenciesMs.add(latency.toMillis());
    }

    @Override
    public void failedFinal() {
        failedFinal.increment();
    }

    @Override
    public void retried() {
        retried.increment();
    }

    @Override
    public void deadLettered() {
        deadLettered.increment();
    }

    @Override
    public void redriven() {
        redriven.increment();
    }

    @Override
    public void requeued() {
        requeued.increment();
    }

    @Override
    public void gaveUp() {
        gaveUp.increment();
    }

    /**
     * Runs {@code work} with publishing switched off: what it counts is dropped, and {@link #publish()}
     * writes nothing until it returns. For SnapStart priming, before any real invocation.
     */
    public void silenced(Runnable work) {
        silenced = true;
        try {
            work.run();
        } finally {
            drain();
            silenced = false;
        }
    }

    /**
     * Loads and creates Powertools' metrics logger, and builds and serialises a document like the
     * ones {@link #publish()} writes, writing it nowhere (SnapStart priming): the EMF model and its
     * Jackson serialisers are then loaded before the first real flush, which otherwise loads about
     * 150 classes in front of the first participant.
     */
    public void prime() {
        MetricsFactory.getMetricsInstance();
        primingDocument();
    }

    /** The EMF document priming builds: this function's namespace and service, one count. */
    List<String> primingDocument() {
        try {
            MetricsContext document = new MetricsContext();
            document.setNamespace(namespace);
            document.setDefaultDimensions(software.amazon.cloudwatchlogs.emf.model.DimensionSet.of("Service", service));
            document.putMetric("Primed", 1, Unit.COUNT);
            document.putMetric("ProcessingLatency", 1, Unit.MILLISECONDS);
            return document.serialize();
        } catch (JsonProcessingException | InvalidMetricException | InvalidNamespaceException
                 | InvalidDimensionException | DimensionSetExceededException e) {
            throw new IllegalStateException("cannot build a metrics document: " + e.getMessage(), e);
        }
    }

    /** How many EMF documents this instance has written. */
    public long publishedDocuments() {
        return documents.get();
    }

    /** Writes what was counted since the last call as one EMF document; nothing when nothing was counted. */
    public void publish() {
        Counts counts = drain();
        if (silenced || counts.isEmpty()) {
            return;
        }
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of("Service", service));
        for (int i = 0; i < counts.values().length; i++) {
            if (counts.values()[i] > 0) {
                metrics.addMetric(NAMES[i], counts.values()[i], MetricUnit.COUNT);
            }
        }
        for (long latency : counts.latencies()) {
            metrics.addMetric("ProcessingLatency", latency, MetricUnit.MILLISECONDS);
        }
        metrics.flush();
        documents.incrementAndGet();
    }

    /** Takes everything counted so far, leaving the counters at zero. */
    private Counts drain() {
        List<Long> latencies = new ArrayList<>();
        for (Long latency; (latency = latenciesMs.poll()) != null; ) {
            latencies.add(latency);
        }
        long[] values = {accepted.sumThenReset(), duplicates.sumThenReset(), succeeded.sumThenReset(),
                rejected.sumThenReset(), failedFinal.sumThenReset(), retried.sumThenReset(),
                deadLettered.sumThenReset(), redriven.sumThenReset(), requeued.sumThenReset(), gaveUp.sumThenReset()};
        return new Counts(values, latencies);
    }

    private record Counts(long[] values, List<Long> latencies) {

        boolean isEmpty() {
            for (long value : values) {
                if (value > 0) {
                    return false;
                }
            }
            return latencies.isEmpty();
        }
    }
}
