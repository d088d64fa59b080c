package com.rushgate.local.bench;

import com.rushgate.local.load.HttpLoad;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest section, and the warm-up before everything: participations over HTTP, through the
 * gateway and the Lambda runtime, at each level of concurrent clients, against the floor's ingest
 * rate at the same level. No worker runs: what is queued is purged afterwards.
 */
final class Ingest {

    /** Bounds the warm-up in count as well as in time. */
    private static final int WARMUP_MAX_REQUESTS = 500_000;

    private final BenchStack bench;
    private final Plan plan;
    private final PrintStream console;

    Ingest(BenchStack bench, Plan plan, PrintStream console) {
        this.bench = bench;
        this.plan = plan;
        this.console = console;
    }

    /** Ingest at 16 clients for the plan's warm-up time, recorded nowhere: JIT, connection pools, environments. */
    void warmUp(HttpLoad load) throws InterruptedException {
        console.printf("warming up: %d s of ingest at 16 clients%n", plan.warmup().toSeconds());
        String eventId = bench.event("warmup", 1_000_000_000);
        load.run(WARMUP_MAX_REQUESTS, 16, plan.warmup(), i -> bench.participation(bench.apiEndpoint(), eventId, i),
                (i, s, b) -> { });
    }

    /** Runs every level into {@code report}, each compared with {@code floors} at the same level. */
    void run(HttpLoad load, Map<Integer, Floor.Rates> floors, Report report) throws InterruptedException {
        Map<Integer, HttpLoad.Result> results = new LinkedHashMap<>();
        for (int level : plan.levels()) {
            console.printf("ingest at %d clients for %d s...%n", level, plan.ingestEach().toSeconds());
            String eventId = bench.event("ingest-" + level, 1_000_000_000);
            results.put(level, load.run(plan.ingestMax(), level, plan.ingestEach(),
                    i -> bench.participation(bench.apiEndpoint(), eventId, i), (i, s, b) -> { }));
        }
        bench.purgeWorkQueue();
        report(results, floors, report);
    }

    private void report(Map<Integer, HttpLoad.Result> results, Map<Integer, Floor.Rates> floors, Report report) {
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        results.forEach((level, result) -> {
            double floor = floors.get(level).ingestPerSecond();
            Map<String, Object> detail = Report.loadDetail(result);
            detail.put("clients", level);
            detail.put("floorPerSecond", Report.round(floor));
            detail.put("floorRatio", Report.ratio(result.perSecond(), floor));
            details.add(detail);
            rows.add(List.of(Integer.toString(level), Long.toString(result.answered()), Report.number(result.perSecond()),
                    Report.number(result.latencies().percentileMs(50)), Report.number(result.latencies().percentileMs(95)),
                    Report.number(result.latencies().percentileMs(99)), Report.number(result.latencies().maxMs()),
                    Long.toString(result.errors()), Report.number(floor), Report.twoDecimals(result.perSecond() / floor)));
        });
        report.detail("ingest", details);
        report.table("Ingest over HTTP (202 answers; latency in ms)",
                List.of("clients", "requests", "per s", "p50", "p95", "p99", "max", "errors", "floor per s", "of floor"),
                rows);
        HttpLoad.Result reference = results.get(plan.referenceLevel());
        double floor = floors.get(plan.referenceLevel()).ingestPerSecond();
        report.put("ingestPerSecond", reference.perSecond());
        report.put("ingestFloorRatio", Report.ratio(reference.perSecond(), floor));
        report.put("ingestP99Ms", reference.latencies().percentileMs(99));
        report.chart("ingest-throughput.svg", Svg.categories("Ingest throughput against concurrent clients",
                "concurrent HTTP clients", "participations per second",
                plan.levels().stream().map(String::valueOf).toList(),
                List.of(new Svg.Series("floor (emulators alone)", plan.levels().stream()
                                .mapToDouble(level -> floors.get(level).ingestPerSecond()).toArray()),
                        new Svg.Series("ingest through gateway and Lambda runtime", plan.levels().stream()
                                .mapToDouble(level -> results.get(level).perSecond()).toArray()))));
    }
}
