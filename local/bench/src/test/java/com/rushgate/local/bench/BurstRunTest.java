package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.load.RequestTableReads.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The burst's rows and details: the keys docs/BENCHMARKS.md and the smoke test read, in their order. */
class BurstRunTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private static BurstRun run(Optional<Double> txFloor) {
        // 5 sent: three 202, one 409, one without an answer; 1 to 4 ms each; in 2 s
        HttpLoad.Result result = new HttpLoad.Result(5, Map.of(202, 3L, 409, 1L), 1,
                new Latencies(new long[] {1_000_000, 2_000_000, 3_000_000, 4_000_000}), 2.0, 7);
        // capacity 2: two winners in the first second, decided after 500 and 900 ms; one rejected after 100 ms
        List<Row> rows = List.of(new Row("rq_a", RequestStatus.SUCCEEDED, T0, T0.plusMillis(500)),
                new Row("rq_b", RequestStatus.SUCCEEDED, T0.plusMillis(100), T0.plusMillis(1000)),
                new Row("rq_c", RequestStatus.REJECTED, T0.plusMillis(200), T0.plusMillis(300)));
        DropOutcome outcome = DropOutcome.of(rows, List.of("rq_a", "rq_b", "rq_c"), 2, 0);
        return new BurstRun(result, 12.34, 1, outcome, txFloor);
    }

    @Test
    void toMap_carriesTheLoadTheOutcomeAndTheDecisions_inTheirDocumentedOrder() {
        Map<String, Object> map = run(Optional.of(4.0)).toMap("asynchronous");

        assertThat(map.keySet()).containsExactly("requests", "answered", "perSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs",
                "errors", "inProgress", "statuses", "noAnswer", "design", "untilAllFinalSeconds", "acceptedRequests",
                "neverAccepted", "retries", "lost", "oversold", "outcomes", "fairness", "worstWinnerRank",
                "decisionP50Ms", "decisionP95Ms", "decisionP99Ms", "grantsPerSecond", "grantsPerSecondVsTxFloor");
        assertThat(map).containsEntry("design", "asynchronous").containsEntry("untilAllFinalSeconds", 12.3)
                .containsEntry("acceptedRequests", 3).containsEntry("neverAccepted", 1).containsEntry("retries", 7L)
                .containsEntry("lost", 0).containsEntry("oversold", 0).containsEntry("errors", 1L)
                .containsEntry("inProgress", 1L).containsEntry("noAnswer", 1L).containsEntry("perSecond", 2.0)
                .containsEntry("fairness", 1.0).containsEntry("worstWinnerRank", 2)
                .containsEntry("decisionP50Ms", 500.0).containsEntry("decisionP99Ms", 900.0)
                .containsEntry("grantsPerSecond", 2.0).containsEntry("grantsPerSecondVsTxFloor", 0.5);
        assertThat(map.get("outcomes")).isEqualTo(Map.of("SUCCEEDED", 2, "REJECTED", 1));
    }

    @Test
    void withoutTheFloor_theRatioIsLeftOut_andItsCellsReadADash() {
        BurstRun run = run(Optional.empty());

        assertThat(run.toMap("synchronous")).doesNotContainKey("grantsPerSecondVsTxFloor");
        assertThat(run.fcfsRow("synchronous baseline"))
                .containsExactly("synchronous baseline", "1.0000", "2", "500", "900", "900", "2.0", "-", "-");
    }

    @Test
    void rows_readAsTheReportsTablesPrintThem() {
        BurstRun run = run(Optional.of(4.0));

        assertThat(run.row("asynchronous (Rushgate)")).containsExactly("asynchronous (Rushgate)", "2.0", "2.0", "4.0",
                "4.0", "4.0", "1", "1", "1", "12.3", "0", "0");
        assertThat(run.fcfsRow("asynchronous (Rushgate)")).endsWith("4.0", "0.50");
    }
}
