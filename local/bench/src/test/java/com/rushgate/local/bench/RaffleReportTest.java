package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaffleReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long MS = 1_000_000L;

    @Test
    void write_putsEveryNumberUnderRaffle_andATableForEachPart() throws Exception {
        // given: 4,000 entrants answered in 2 s, entered in 4 s; 100,000 entries drawn in 1.234 s, finalised in 50 s
        HttpLoad.Result load = new HttpLoad.Result(4_000, Map.of(202, 4_000L), 0,
                new Latencies(new long[] {2 * MS, 3 * MS, 9 * MS}), 2.0, 0);
        RaffleReport.Ingest ingest = new RaffleReport.Ingest(64, load, 4_000, 4.0);
        RaffleReport.Draw draw = new RaffleReport.Draw(100_000, 1_000, 100_000, 200.0, 100_000, 1_000, 1.234,
                1_000, 99_000, 50.0);
        List<RaffleHeap.Measure> heaps = List.of(
                new RaffleHeap.Measure(100_000, 1_000, 30L * 1024 * 1024, 200 * 1024, 150.0),
                new RaffleHeap.Measure(1_000_000, 1_000, 300L * 1024 * 1024, 210 * 1024, 1_500.0));
        Report report = new Report();

        // when
        RaffleReport.write(ingest, draw, heaps, report);

        // then
        JsonNode raffle = JSON.readTree(report.json()).get("raffle");
        assertThat(raffle.get("entriesPerSecond").asDouble()).isEqualTo(2_000.0);
        assertThat(raffle.get("enteredPerSecond").asDouble()).isEqualTo(1_000.0);
        assertThat(raffle.get("enteredAtScalePerSecond").asDouble()).isEqualTo(500.0);
        assertThat(raffle.get("entries").asInt()).isEqualTo(100_000);
        assertThat(raffle.get("drawSeconds").asDouble()).isEqualTo(1.23);
        assertThat(raffle.get("finaliseSeconds").asDouble()).isEqualTo(50.0);
        assertThat(raffle.get("rejected").asInt()).isEqualTo(99_000);
        assertThat(raffle.get("drawAllocatedMb").asDouble()).as("the largest draw's").isEqualTo(300.0);
        assertThat(raffle.get("drawRetainedKb").asDouble()).isEqualTo(210.0);
        assertThat(raffle.get("drawMillionEntriesMs").asDouble()).isEqualTo(1_500.0);
        assertThat(raffle.get("drawMemory")).hasSize(2);
        assertThat(raffle.get("drawMemory").get(0).get("msPerMillionEntries").asDouble()).isEqualTo(1_500.0);
        assertThat(report.text()).contains("Raffle: entries over HTTP", "Raffle: entered by the workers, drawn",
                "Raffle: the draw's bounded heap", "1000000", "1.23");
    }

    @Test
    void write_withoutInProcessDraws_leavesTheirSummaryOut() throws Exception {
        HttpLoad.Result load = new HttpLoad.Result(1, Map.of(202, 1L), 0, new Latencies(new long[] {MS}), 1.0, 0);
        Report report = new Report();

        RaffleReport.write(new RaffleReport.Ingest(1, load, 1, 0.0),
                new RaffleReport.Draw(1, 1, 1, 1.0, 1, 1, 0.1, 1, 0, 1.0), List.of(), report);

        JsonNode raffle = JSON.readTree(report.json()).get("raffle");
        assertThat(raffle.has("drawAllocatedMb")).isFalse();
        assertThat(raffle.get("enteredPerSecond").asDouble()).as("no time measured, no rate").isZero();
    }
}
