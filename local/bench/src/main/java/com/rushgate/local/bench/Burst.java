package com.rushgate.local.bench;

import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.RetryPolicy;
import com.rushgate.local.stack.LimitsSummary;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.triggers.SqsPoller;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The burst section: the same drop, every participant at once with repeated submissions, three
 * times: on Rushgate's asynchronous design, on the same with the worker held back until every
 * request is answered, and on the synchronous baseline ({@link SyncBaseline}); each proven with
 * {@link DropOutcome} (lost, oversold, fairness, decision times).
 */
final class Burst {

    private final BenchStack bench;
    private final Plan plan;
    private final PrintStream console;

    Burst(BenchStack bench, Plan plan, PrintStream console) {
        this.bench = bench;
        this.plan = plan;
        this.console = console;
    }

    /** @param floor the floor at the reference level, when it ran: the transaction rate grants compare with */
    void run(HttpLoad load, Optional<Floor.Rates> floor, Report report) throws Exception {
        LocalStack stack = bench.stack();
        int[] submissions = submissions(plan.burstUsers(), plan.burstRequests());
        console.printf("burst, asynchronous: %,d participations (%,d participants) on %,d connections, capacity %,d...%n",
                submissions.length, plan.burstUsers(), plan.burstConnections(), plan.burstCapacity());
        BurstRun async;
        LimitsCounters.Snapshot beforeAsync = stack.limitsCounters();
        try (SqsPoller poller = bench.defaultPoller()) {
            warmUp(load);
            async = fire(load, bench.apiEndpoint(), submissions, true, null, floor);
        }
        Map<String, Object> asyncLimits = LimitsSummary.of(stack, beforeAsync, stack.limitsCounters(),
                async.outcome().accepted());
        // The same burst with the worker held back until every request is answered: on one machine
        // the worker's writes share one DynamoDB Local with Ingest's; in AWS they go
        // to other partitions. This row shows what accepting costs alone.
        console.printf("burst, asynchronous with the worker held back: the same %,d participations...%n",
                submissions.length);
        BurstRun held = fire(load, bench.apiEndpoint(), submissions, true, bench::defaultPoller, floor);
        console.printf("burst, synchronous baseline: the same %,d participations...%n", submissions.length);
        BurstRun sync;
        SyncBaseline baseline = SyncBaseline.start(stack);
        try (baseline) {
            LimitsCounters.Snapshot beforeSync = stack.limitsCounters();
            sync = fire(load, baseline.endpoint(), submissions, false, null, floor);
            Map<String, Object> syncLimits = LimitsSummary.of(stack, beforeSync, stack.limitsCounters(),
                    sync.outcome().accepted());
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("asynchronous", asyncLimits);
            limits.put("synchronous", syncLimits);
            report.detail("burstLimits", limits);
            if (asyncLimits.containsKey("writeUnitsPerParticipation")) {
                report.put("writeUnitsPerParticipation", asyncLimits.get("writeUnitsPerParticipation"));
                report.put("syncWriteUnitsPerParticipation", syncLimits.get("writeUnitsPerParticipation"));
            }
        }
        report(report, submissions.length, async, held, sync, baseline.retries());
    }

    /**
     * Each participant once, plus repeated submissions of random participants up to {@code requests},
     * shuffled (fixed seed): the participants' indexes.
     */
    static int[] submissions(int users, int requests) {
        Random random = new Random(42);
        List<Integer> all = new ArrayList<>(requests);
        for (int i = 0; i < users; i++) {
            all.add(i);
        }
        while (all.size() < requests) {
            all.add(random.nextInt(users));
        }
        Collections.shuffle(all, random);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A short burst at the same connection count on an event of its own, first: every Ingest and
     * Worker environment the measured burst will use is started before it, as the synchronous
     * baseline (plain threads) needs none. Cold starts are the cold-start section's subject.
     */
    private void warmUp(HttpLoad load) throws InterruptedException {
        int requests = Math.min(plan.burstRequests(), plan.burstConnections() * 4);
        console.printf("burst warm-up: %,d participations on %,d connections...%n", requests, plan.burstConnections());
        String eventId = bench.event("burst-warmup", plan.burstCapacity());
        load.run(requests, plan.burstConnections(), plan.burstLimit(),
                i -> bench.participation(bench.apiEndpoint(), eventId, i), (i, status, body) -> { });
        bench.awaitEmptyQueue(plan.burstLimit());
    }

    /**
     * One burst on a new event: every submission sent as a participant's client sends it, then the
     * outcome; for the asynchronous design once every accepted request is final (or the plan's
     * burst limit has passed), for the synchronous one at once (it answers only when decided).
     *
     * @param workerAfterwards for the asynchronous design: starts the worker once every request is
     *                         answered (null: the worker already runs)
     */
    private BurstRun fire(HttpLoad load, URI endpoint, int[] submissions, boolean asynchronous,
                          Supplier<SqsPoller> workerAfterwards, Optional<Floor.Rates> floor) throws Exception {
        String eventId = bench.event(asynchronous ? "burst" : "burst-sync", plan.burstCapacity());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<Integer> acceptedUsers = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        HttpLoad.Result result = load.run(submissions.length, plan.burstConnections(), plan.burstLimit(),
                RetryPolicy.participant(), i -> bench.participation(endpoint, eventId, submissions[i]),
                (i, status, body) -> {
                    if (status / 100 == 2) {
                        accepted.add(requestIdOf(body));
                        acceptedUsers.add(submissions[i]);
                    }
                });
        int neverAccepted = (int) Arrays.stream(submissions).distinct().filter(user -> !acceptedUsers.contains(user)).count();
        DropOutcome.Source drop = DropOutcome.Source.of(bench.stack(), eventId);
        long deadline = started + plan.burstLimit().toNanos();
        DropOutcome outcome;
        if (asynchronous && workerAfterwards != null) {
            try (SqsPoller poller = workerAfterwards.get()) {
                outcome = awaitAllFinal(drop, accepted, deadline);
            }
        } else if (asynchronous) {
            outcome = awaitAllFinal(drop, accepted, deadline);
        } else {
            outcome = DropOutcome.read(drop, accepted, plan.burstCapacity());
        }
        double untilFinal = (System.nanoTime() - started) / 1e9;
        return new BurstRun(result, untilFinal, neverAccepted, outcome, floor.map(Floor.Rates::transaction));
    }

    /**
     * Waits until the queue is empty, then until every accepted request of the event is final, or
     * the deadline passes; a request still not final then counts as lost.
     */
    private DropOutcome awaitAllFinal(DropOutcome.Source drop, Set<String> accepted, long deadline)
            throws InterruptedException {
        bench.awaitEmptyQueue(until(deadline));
        return DropOutcome.await(drop, accepted, plan.burstCapacity(), DropOutcome.Until.FINAL, until(deadline),
                DropOutcome.Watcher.NONE);
    }

    private static Duration until(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** The requestId of a 2xx answer's body; "?" if it has none (it then counts as lost). */
    static String requestIdOf(String body) {
        int start = body.indexOf("\"requestId\":\"");
        if (start < 0) {
            return "?";
        }
        start += 13;
        return body.substring(start, body.indexOf('"', start));
    }

    /** The section's part of the report: its details, its two tables, its summary fields and its chart. */
    private void report(Report report, int submissions, BurstRun async, BurstRun held, BurstRun sync,
                        long syncRetries) {
        report.detail("burst", List.of(async.toMap("asynchronous"), held.toMap("asynchronous, worker held back"),
                sync.toMap("synchronous")));
        report.detail("syncInlineRetries", syncRetries);
        report.table("Burst: " + String.format(Locale.ROOT, "%,d", submissions)
                        + " participations on " + plan.burstConnections() + " connections, FCFS capacity "
                        + plan.burstCapacity() + " (latency in ms: until 202 for async, until decided for sync)",
                List.of("design", "per s", "p50", "p95", "p99", "max", "errors", "409 repeat", "never accepted",
                        "until all final s", "lost", "oversold"),
                List.of(async.row("asynchronous (Rushgate)"), held.row("async, worker held back"),
                        sync.row("synchronous baseline")));
        report.table("Burst: FCFS decisions (fairness: share of winners among the first " + plan.burstCapacity()
                        + " arrivals; decision: acceptedAt to completedAt, ms; grants: SUCCEEDED per s from the first"
                        + " arrival to the last grant, against the floor's transactions per s)",
                List.of("design", "fairness", "worst winner rank", "decision p50", "p95", "p99", "grants per s",
                        "tx floor per s", "grants / tx floor"),
                List.of(async.fcfsRow("asynchronous (Rushgate)"), held.fcfsRow("async, worker held back"),
                        sync.fcfsRow("synchronous baseline")));
        HttpLoad.Result asyncResult = async.result();
        HttpLoad.Result syncResult = sync.result();
        report.put("burstLost", async.outcome().lost());
        report.put("burstNeverAccepted", async.neverAccepted());
        report.putExact("burstFairness", async.outcome().fairness().fairness());
        report.put("burstWorstWinnerRank", async.outcome().fairness().worstWinnerRank());
        report.put("burstDecisionP99Ms", async.outcome().decisions().p99Ms());
        report.put("burstGrantsPerSecond", async.outcome().decisions().grantsPerSecond());
        async.grantsVsFloor().ifPresent(ratio -> report.putExact("grantsPerSecondVsTxFloor", ratio));
        report.put("burstOversold", Math.max(Math.max(async.outcome().oversold(), held.outcome().oversold()),
                sync.outcome().oversold()));
        report.put("asyncP99Ms", asyncResult.latencies().percentileMs(99));
        report.put("syncP99Ms", syncResult.latencies().percentileMs(99));
        report.put("asyncErrors", asyncResult.errors());
        report.put("syncErrors", syncResult.errors());
        report.put("asyncErrorRate", Report.ratio(asyncResult.errors(), asyncResult.sent()));
        report.put("syncErrorRate", Report.ratio(syncResult.errors(), syncResult.sent()));
        report.put("syncConflicts", syncResult.statuses().getOrDefault(503, 0L));
        report.put("syncThrottled", syncResult.statuses().getOrDefault(429, 0L));
        report.put("syncTimeouts", syncResult.failures());
        report.put("asyncInProgress", asyncResult.inProgress());
        report.put("syncInProgress", syncResult.inProgress());
        report.put("asyncPerSecond", asyncResult.perSecond());
        report.put("asyncHeldBackPerSecond", held.result().perSecond());
        report.put("asyncHeldBackP99Ms", held.result().latencies().percentileMs(99));
        report.put("burstLostHeldBack", held.outcome().lost());
        report.put("syncPerSecond", syncResult.perSecond());
        report.put("syncToAsyncP99", Report.ratio(syncResult.latencies().percentileMs(99),
                asyncResult.latencies().percentileMs(99)));
        report.chart("burst-latency.svg", Svg.percentiles("Burst: answer latency, asynchronous against synchronous",
                List.of("asynchronous: until 202 Accepted", "synchronous: until decided"),
                List.of(asyncResult.latencies().sortedMs(), syncResult.latencies().sortedMs())));
    }
}
