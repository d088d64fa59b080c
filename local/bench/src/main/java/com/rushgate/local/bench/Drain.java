package com.rushgate.local.bench;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.load.RequestTableReads;
import com.rushgate.local.triggers.SqsPoller;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The drain section: a full queue of requests of an event with stock for every one, drained by the
 * worker at each of the plan's settings (BatchSize, MaximumConcurrency), in decisions per second
 * against the floor's drain rate.
 */
final class Drain {

    /** The longest one setting may take to delete every message. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final BenchStack bench;
    private final Plan plan;
    private final PrintStream console;

    Drain(BenchStack bench, Plan plan, PrintStream console) {
        this.bench = bench;
        this.plan = plan;
        this.console = console;
    }

    /** Runs every setting into {@code report}, compared with the floor at the plan's reference level. */
    void run(Map<Integer, Floor.Rates> floors, Report report) throws InterruptedException {
        double floor = floors.get(plan.referenceLevel()).drainPerSecond();
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        Double reference = null;
        for (Plan.DrainSetting setting : plan.drains()) {
            console.printf("drain: %,d queued requests, BatchSize %d, MaximumConcurrency %d...%n", plan.drainMessages(),
                    setting.batchSize(), setting.maximumConcurrency());
            String eventId = bench.event("drain", plan.drainMessages());
            bench.participate(eventId, IntStream.range(0, plan.drainMessages()).mapToObj(i -> "drain-user-" + i).toList());
            long started = System.nanoTime();
            long deleted;
            try (SqsPoller poller = bench.poller(setting.batchSize(), setting.maximumConcurrency())) {
                deleted = awaitDeleted(poller, plan.drainMessages());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<RequestStatus, Integer> statuses = RequestTableReads.statusesOfEvent(bench.stack(), eventId);
            int decided = statuses.getOrDefault(RequestStatus.SUCCEEDED, 0) + statuses.getOrDefault(RequestStatus.REJECTED, 0);
            double perSecond = decided / seconds;
            // The template's defaults (BatchSize 10, MaximumConcurrency 10) are what the summary quotes; without them, the first.
            if (setting.batchSize() == 10 && setting.maximumConcurrency() == 10 || reference == null) {
                reference = perSecond;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("batchSize", setting.batchSize());
            detail.put("maximumConcurrency", setting.maximumConcurrency());
            detail.put("messages", plan.drainMessages());
            detail.put("deleted", deleted);
            detail.put("decided", decided);
            detail.put("seconds", Report.round(seconds));
            detail.put("decisionsPerSecond", Report.round(perSecond));
            detail.put("floorRatio", Report.ratio(perSecond, floor));
            details.add(detail);
            rows.add(List.of(Integer.toString(setting.batchSize()), Integer.toString(setting.maximumConcurrency()),
                    Integer.toString(decided), Report.number(seconds), Report.number(perSecond), Report.number(floor),
                    Report.twoDecimals(perSecond / floor)));
        }
        report.detail("drain", details);
        report.table("Drain: worker decisions per second for a full queue (every request wins a unit)",
                List.of("BatchSize", "MaxConcurrency", "decided", "seconds", "per s", "floor per s", "of floor"), rows);
        report.put("drainPerSecond", reference);
        report.put("drainFloorRatio", Report.ratio(reference, floor));
    }

    private static long awaitDeleted(SqsPoller poller, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (poller.deleted() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return poller.deleted();
    }
}
