package com.rushgate.local.bench;

import com.rushgate.local.load.HttpLoad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raffle section's part of the report: the "raffle" object of the JSON and its text tables. */
final class RaffleReport {

    /**
     * Entries over HTTP into an open raffle, then entered by the workers.
     *
     * @param entered        entries ENTERED once the workers had taken every accepted entry
     * @param enteredSeconds from the workers' start until they had taken every accepted entry
     */
    record Ingest(int clients, HttpLoad.Result load, long entered, double enteredSeconds) {
    }

    /**
     * A raffle of {@code entries}: entered by the workers, drawn, finalised.
     *
     * @param drawSeconds     wall time of the Draw function's invocation that drew it
     * @param finaliseSeconds from the end of the draw until every entry was SUCCEEDED or REJECTED
     */
    record Draw(int entries, int capacity, long entered, double enteredSeconds, long drawnEntries, long winners,
                double drawSeconds, long succeeded, long rejected, double finaliseSeconds) {
    }

    private static final double MB = 1024.0 * 1024.0;

    private RaffleReport() {
    }

    static void write(Ingest ingest, Draw draw, List<RaffleHeap.Measure> heaps, Report report) {
        Map<String, Object> raffle = new LinkedHashMap<>();
        HttpLoad.Result load = ingest.load();
        raffle.put("clients", ingest.clients());
        raffle.put("entrants", load.sent());
        raffle.put("entriesPerSecond", Report.round(load.perSecond()));
        raffle.put("entryP99Ms", Report.round(load.latencies().percentileMs(99)));
        raffle.put("entryErrors", load.errors());
        raffle.put("enteredOverHttp", ingest.entered());
        raffle.put("enteredPerSecond", Report.round(perSecond(ingest.entered(), ingest.enteredSeconds())));
        raffle.put("entries", draw.entries());
        raffle.put("capacity", draw.capacity());
        raffle.put("entered", draw.entered());
        raffle.put("enteredAtScalePerSecond", Report.round(perSecond(draw.entered(), draw.enteredSeconds())));
        raffle.put("drawnEntries", draw.drawnEntries());
        raffle.put("winners", draw.winners());
        raffle.put("drawSeconds", Math.round(draw.drawSeconds() * 100) / 100.0);
        raffle.put("finaliseSeconds", Report.round(draw.finaliseSeconds()));
        raffle.put("succeeded", draw.succeeded());
        raffle.put("rejected", draw.rejected());
        List<Object> memory = new ArrayList<>();
        for (RaffleHeap.Measure heap : heaps) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("entries", heap.entries());
            one.put("capacity", heap.capacity());
            one.put("allocatedMb", Report.round(heap.allocatedBytes() / MB));
            one.put("retainedKb", Report.round(heap.retainedBytes() / 1024.0));
            one.put("ms", Report.round(heap.millis()));
            one.put("msPerMillionEntries", Report.round(heap.millis() * 1_000_000.0 / heap.entries()));
            memory.add(one);
        }
        raffle.put("drawMemory", memory);
        if (!heaps.isEmpty()) {
            RaffleHeap.Measure largest = heaps.get(heaps.size() - 1);
            raffle.put("drawAllocatedMb", Report.round(largest.allocatedBytes() / MB));
            raffle.put("drawRetainedKb", Report.round(largest.retainedBytes() / 1024.0));
            raffle.put("drawMillionEntriesMs", Report.round(largest.millis() * 1_000_000.0 / largest.entries()));
        }
        report.detail("raffle", raffle);
        table(ingest, draw, heaps, report);
    }

    private static void table(Ingest ingest, Draw draw, List<RaffleHeap.Measure> heaps, Report report) {
        HttpLoad.Result load = ingest.load();
        report.table("Raffle: entries over HTTP (no worker running), then entered by the workers",
                List.of("clients", "entrants", "per s", "p99 ms", "errors", "entered", "entered per s"),
                List.of(List.of(Integer.toString(ingest.clients()), Integer.toString(load.sent()),
                        Report.number(load.perSecond()), Report.number(load.latencies().percentileMs(99)),
                        Long.toString(load.errors()), Long.toString(ingest.entered()),
                        Report.number(perSecond(ingest.entered(), ingest.enteredSeconds())))));
        report.table("Raffle: entered by the workers, drawn by the Draw function, finalised by the workers",
                List.of("entries", "capacity", "entered per s", "draw s", "finalise s", "won", "not drawn"),
                List.of(List.of(Integer.toString(draw.entries()), Integer.toString(draw.capacity()),
                        Report.number(perSecond(draw.entered(), draw.enteredSeconds())),
                        Report.twoDecimals(draw.drawSeconds()), Report.number(draw.finaliseSeconds()),
                        Long.toString(draw.succeeded()), Long.toString(draw.rejected()))));
        List<List<String>> rows = new ArrayList<>();
        for (RaffleHeap.Measure heap : heaps) {
            rows.add(List.of(Integer.toString(heap.entries()), Integer.toString(heap.capacity()),
                    Report.number(heap.allocatedBytes() / MB), Report.number(heap.retainedBytes() / 1024.0),
                    Report.number(heap.millis()), Report.number(heap.millis() * 1_000_000.0 / heap.entries())));
        }
        report.table("Raffle: the draw's bounded heap in-process (synthetic requestIds)",
                List.of("entries", "capacity", "allocated MB", "retained KB", "ms", "ms per million"), rows);
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
