package com.rushgate.local.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much the bench does. Every loop is bounded in count and in time.
 *
 * @param levels           concurrent HTTP clients of the ingest section (and the floor)
 * @param floorEach        how long each floor operation runs at each level
 * @param warmup           ingest at 16 clients before anything is recorded (JIT, connection pools, environments)
 * @param ingestEach       how long each ingest level runs
 * @param ingestMax        most requests per ingest level
 * @param drains           worker settings of the drain section
 * @param drainMessages    requests in the queue for each drain setting
 * @param burstRequests    participations of the burst, duplicates included
 * @param burstDuplicates  share of the burst that repeats a participant's submission
 * @param burstConnections concurrent connections firing the burst
 * @param burstCapacity    units of the FCFS event of the burst
 * @param burstLimit       the longest a burst may take, sending and deciding
 * @param coldStartRuns    fresh JVMs per function and mode in the cold-start section
 * @param coldStartWarmCalls invocations after the first in each of those JVMs
 * @param raffleEntrants   entries over HTTP into an open raffle (at most one per minted token)
 * @param raffleEntries    entries of the raffle that is entered, drawn and finalised
 * @param raffleCapacity   winners of the section's raffles
 * @param raffleHeapEntries synthetic entries of each in-process draw whose memory is measured
 */
record Plan(String name, List<Integer> levels, Duration floorEach, Duration warmup, Duration ingestEach, int ingestMax,
            List<DrainSetting> drains, int drainMessages, int burstRequests, double burstDuplicates,
            int burstConnections, int burstCapacity, Duration burstLimit, int coldStartRuns,
            int coldStartWarmCalls, int raffleEntrants, int raffleEntries, int raffleCapacity,
            List<Integer> raffleHeapEntries) {

    /** One worker configuration: messages per invocation and concurrent invocations. */
    record DrainSetting(int batchSize, int maximumConcurrency) {
    }

    /** The numbers of docs/BENCHMARKS.md. Takes about 30 minutes on 2 cores. */
    static Plan full() {
        return new Plan("full", List.of(1, 16, 64, 256), Duration.ofSeconds(6), Duration.ofSeconds(15),
                Duration.ofSeconds(20), 20_000,
                List.of(new DrainSetting(1, 10), new DrainSetting(10, 4), new DrainSetting(10, 10),
                        new DrainSetting(10, 16)),
                3_000, 100_000, 0.2, 2_000, 1_000, Duration.ofMinutes(30), 5, 200,
                5_000, 100_000, 1_000, List.of(100_000, 1_000_000));
    }

    /** Every section, small: under 3 minutes on 2 cores. */
    static Plan quick() {
        return new Plan("quick", List.of(1, 16, 64, 256), Duration.ofSeconds(1), Duration.ofSeconds(4),
                Duration.ofSeconds(3), 5_000, List.of(new DrainSetting(10, 10)), 500, 2_000, 0.2, 200, 100,
                Duration.ofMinutes(2), 1, 30, 2_000, 10_000, 100, List.of(100_000, 1_000_000));
    }

    /** For the smoke test: proves every section runs; the numbers mean nothing. */
    static Plan smoke() {
        return new Plan("smoke", List.of(1, 4), Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(700),
                200, List.of(new DrainSetting(10, 2)), 60, 120, 0.2, 20, 10, Duration.ofMinutes(3), 1, 2, 50, 300, 10, List.of(10_000));
    }

    /**
     * Whether the cold-start section also measures each function after its SnapStart priming. Not
     * in the smoke plan, which only proves the section runs: every function's priming already runs
     * in CI, in FunctionJarsIT.
     */
    boolean coldStartPrimed() {
        return !name.equals("smoke");
    }

    /** Participants of the burst; their tokens serve every section. */
    int burstUsers() {
        return (int) Math.round(burstRequests / (1 + burstDuplicates));
    }

    /** The level whose numbers the summary quotes (64 clients, or the highest below it). */
    int referenceLevel() {
        return levels.stream().filter(level -> level <= 64).max(Integer::compare).orElse(levels.get(0));
    }
}
