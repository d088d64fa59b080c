package com.rushgate.local.limits;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What the limits counted since the stack started: the capacity units consumed per table and
 * index (the units DynamoDB would bill and report in ConsumedCapacity), the calls refused for
 * throughput, and the transaction conflicts.
 */
public final class LimitsCounters {

    /**
     * @param writeUnits        consumed write units by resource ("Table" or "Table/index/Index")
     * @param readUnits         consumed read units by resource
     * @param throttledRequests calls answered with a throttling error (each SDK retry counts)
     * @param transactionConflicts transactions cancelled for a conflict and single-item writes refused
     *                          with TransactionConflictException
     * @param lambdaThrottles   invokes Lambda's quotas refused (concurrency, scaling)
     * @param apiThrottles      requests API Gateway's account throttle refused
     */
    public record Snapshot(Map<String, Double> writeUnits, Map<String, Double> readUnits, long throttledRequests,
                           long transactionConflicts, long lambdaThrottles, long apiThrottles) {

        /** Nothing counted: a stack without limits. */
        public static final Snapshot NONE = new Snapshot(Map.of(), Map.of(), 0, 0, 0, 0);

        public Snapshot withLambdaThrottles(long throttles) {
            return new Snapshot(writeUnits, readUnits, throttledRequests, transactionConflicts, throttles, apiThrottles);
        }

        public Snapshot withApiThrottles(long throttles) {
            return new Snapshot(writeUnits, readUnits, throttledRequests, transactionConflicts, lambdaThrottles, throttles);
        }

        /** Write units consumed by these tables and all their indexes. */
        public double writeUnitsOf(List<String> tables) {
            return writeUnits.entrySet().stream()
                    .filter(e -> tables.stream().anyMatch(t -> e.getKey().equals(t) || e.getKey().startsWith(t + "/index/")))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private final Map<String, DoubleAdder> writeUnits = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> readUnits = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    void consumed(List<Charge> charges) {
        for (Charge charge : charges) {
            (charge.write() ? writeUnits : readUnits).computeIfAbsent(charge.resource(), k -> new DoubleAdder())
                    .add(charge.units());
        }
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    void conflict() {
        conflicts.incrementAndGet();
    }

    public Snapshot snapshot() {
        Map<String, Double> writes = new TreeMap<>();
        writeUnits.forEach((k, v) -> writes.put(k, v.sum()));
        Map<String, Double> reads = new TreeMap<>();
        readUnits.forEach((k, v) -> reads.put(k, v.sum()));
        return new Snapshot(Collections.unmodifiableMap(writes), Collections.unmodifiableMap(reads), throttled.get(), conflicts.get(), 0, 0);
    }
}
