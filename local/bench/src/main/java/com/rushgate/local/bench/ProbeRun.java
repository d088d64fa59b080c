package com.rushgate.local.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One fresh JVM's readings, in milliseconds: wall times from the moment the bench spawned it, then
 * what a busy machine does not change, the process's CPU time (every thread; JVM start included in
 * init, as in initMs) and the classes loaded.
 *
 * @param jvmStartMs           until the probe's main method ran
 * @param initMs               until the handler was constructed: what Lambda reports as Init Duration, JVM start included
 * @param primingMs            the function's SnapStart priming, when it ran (else about 0)
 * @param firstInvocationMs    the first invocation
 * @param warmMs               each invocation after the first
 * @param firstOutput          what the first invocation answered
 * @param initCpuMs            the process's CPU time until the handler was constructed
 * @param firstInvocationCpuMs the process's CPU time during the first invocation
 * @param initClasses          classes loaded until the handler was constructed, the JDK's own included
 * @param coldStartClasses     classes loaded by the end of the first invocation
 * @param beforeCallClasses    classes loaded when the first invocation began (after priming, when it ran)
 */
record ProbeRun(double jvmStartMs, double initMs, double primingMs, double firstInvocationMs, double[] warmMs,
                String firstOutput, double initCpuMs, double firstInvocationCpuMs, long initClasses,
                long coldStartClasses, long beforeCallClasses) {

    /** Init and the first invocation: what a participant waits for on a cold environment. */
    double coldStartMs() {
        return initMs + firstInvocationMs;
    }

    /** Classes the first invocation loaded: after priming, what priming left for the first participant. */
    long firstInvocationClasses() {
        return coldStartClasses - beforeCallClasses;
    }

    /** The same span in CPU time. */
    double coldStartCpuMs() {
        return initCpuMs + firstInvocationCpuMs;
    }

    /**
     * The run from what the probe wrote (see {@code ColdStartProbe}: {@code mainNanos},
     * {@code loadedNanos}, {@code countedNanos}, {@code primedNanos}, {@code invokedNanos}, their CPU
     * readings, the class counts ({@code loadedClasses}, {@code primedClasses}, {@code invokedClasses}), optional {@code warmNanos} and {@code firstOutput}) and when it was
     * spawned, on the same {@link System#nanoTime()} clock. Priming is measured from
     * {@code countedNanos}: the time the probe took to count classes after init belongs to no phase.
     */
    static ProbeRun of(Map<String, String> readings, long spawnedNanos) {
        long main = reading(readings, "mainNanos");
        long loaded = reading(readings, "loadedNanos");
        long counted = reading(readings, "countedNanos");
        long primed = reading(readings, "primedNanos");
        long invoked = reading(readings, "invokedNanos");
        String warm = readings.getOrDefault("warmNanos", "");
        double[] warmMs = warm.isEmpty() ? new double[0]
                : Arrays.stream(warm.split(",")).mapToDouble(n -> Long.parseLong(n) / 1e6).toArray();
        double initCpuMs = reading(readings, "loadedCpuNanos") / 1e6;
        double firstCallCpuMs = (reading(readings, "invokedCpuNanos") - reading(readings, "primedCpuNanos")) / 1e6;
        return new ProbeRun((main - spawnedNanos) / 1e6, (loaded - spawnedNanos) / 1e6, (primed - counted) / 1e6,
                (invoked - primed) / 1e6, warmMs, readings.getOrDefault("firstOutput", ""), initCpuMs, firstCallCpuMs,
                reading(readings, "loadedClasses"), reading(readings, "invokedClasses"),
                reading(readings, "primedClasses"));
    }

    private static long reading(Map<String, String> readings, String key) {
        String value = readings.get(key);
        if (value == null) {
            throw new IllegalStateException("the probe wrote no " + key);
        }
        return Long.parseLong(value);
    }

    /** The median of a reading over runs: the upper one of an even count; 0 without runs. */
    static double median(List<ProbeRun> runs, ToDoubleFunction<ProbeRun> reading) {
        double[] values = runs.stream().mapToDouble(reading).sorted().toArray();
        return values.length == 0 ? 0 : values[values.length / 2];
    }

    /** A percentile (nearest rank) of every warm invocation of these runs together; 0 without any. */
    static double warmPercentile(List<ProbeRun> runs, double percentile) {
        double[] all = runs.stream().flatMapToDouble(run -> Arrays.stream(run.warmMs())).sorted().toArray();
        if (all.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100 * all.length) - 1;
        return all[Math.max(0, Math.min(all.length - 1, index))];
    }
}
