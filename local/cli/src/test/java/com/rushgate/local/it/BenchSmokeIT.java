package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rushgate bench --smoke}: every section runs end to end with tiny numbers, so the bench
 * cannot rot. Nothing here judges a number's size (benchmarks are not tests); it checks that each
 * number exists, that the burst kept its promises, and that the report and charts are written.
 */
class BenchSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void smokeBench_runsEverySection_losesNothing_oversellsNothing() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path state = TestStacks.tempDir("rushgate-bench-state");
        Path reportDirectory = TestStacks.tempDir("rushgate-bench-report");

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--smoke", "--json",
                "--out", reportDirectory.toString(),
                "--template", TestStacks.template().toString(), "--state-dir", state.toString());

        assertThat(exit).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        for (String field : List.of("floorIngestPerSecond", "floorDrainPerSecond", "ingestPerSecond", "ingestFloorRatio",
                "ingestP99Ms", "drainPerSecond", "drainFloorRatio", "asyncP99Ms", "syncP99Ms", "helloColdStartMs")) {
            assertThat(summary.path(field).isNumber()).as(field + " in " + summary).isTrue();
            assertThat(summary.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(summary.get("failedSections")).as(summary.path("failures").toString()).isEmpty();
        assertThat(summary.get("awsLimits").asBoolean()).isFalse();
        assertThat(err.toString()).contains("bench: section 6 of 7, raffle", "bench: section 7 of 7, cold start");
        assertThat(summary.get("burstLost").asInt()).as(summary.get("burst").toString()).isZero();
        assertThat(summary.get("burstOversold").asInt()).as(summary.get("burst").toString()).isZero();
        assertThat(summary.get("burstLostHeldBack").asInt()).as(summary.get("burst").toString()).isZero();
        assertThat(summary.get("burst")).hasSize(3);
        assertThat(summary.get("asyncErrors").isIntegralNumber()).isTrue();
        assertThat(summary.get("syncErrors").isIntegralNumber()).isTrue();
        assertThat(summary.get("machine").get("cores").asInt()).isPositive();

        // The smoke plan's raffle: 50 entrants over HTTP, 300 entries drawn for 10 winners.
        JsonNode raffle = summary.get("raffle");
        for (String field : List.of("entriesPerSecond", "enteredPerSecond", "enteredAtScalePerSecond", "drawSeconds",
                "finaliseSeconds", "drawAllocatedMb", "drawMillionEntriesMs")) {
            assertThat(raffle.path(field).isNumber()).as(field + " in " + raffle).isTrue();
            assertThat(raffle.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(raffle.get("drawRetainedKb").isNumber()).isTrue();
        assertThat(raffle.get("enteredOverHttp").asInt()).isEqualTo(50);
        assertThat(raffle.get("entries").asInt()).isEqualTo(300);
        assertThat(raffle.get("drawnEntries").asInt()).isEqualTo(300);
        assertThat(raffle.get("succeeded").asInt()).isEqualTo(10);
        assertThat(raffle.get("rejected").asInt()).isEqualTo(290);
        assertThat(Files.readString(reportDirectory.resolve("report.txt"))).contains("Raffle: entered by the workers");

        JsonNode coldStarts = summary.get("coldStartMs");
        assertThat(coldStarts.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("IngestFunction", "StatusFunction", "EventInfoFunction", "AdminFunction",
                        "WorkerFunction", "RedriveFunction", "DrawFunction", "ReconcileFunction", "TallyFunction");
        coldStarts.forEach(value -> assertThat(value.asDouble()).isPositive());
        for (JsonNode function : summary.get("coldStart")) {
            // A first invocation that failed would still take time; its answer shows it did the work.
            assertThat(function.get("firstOutput").asText()).as(function.get("function").asText())
                    .doesNotContain("errorType").doesNotContain("INTERNAL_ERROR");
        }
        assertThat(summary.get("httpClients").findValuesAsText("client"))
                .contains("url-connection", "apache");

        // Every accepted participation of each burst reached a final state, and exactly the capacity won.
        for (JsonNode burst : summary.get("burst")) {
            String design = burst.get("design").asText();
            assertThat(burst.get("lost").asInt()).as(design).isZero();
            assertThat(burst.get("outcomes").get("SUCCEEDED").asInt()).as(design).isEqualTo(10);
            // Rushgate's designs serve the line in arrival order; the synchronous baseline races, so
            // its fairness is measured, not promised.
            if (design.startsWith("sync")) {
                assertThat(burst.get("fairness").asDouble()).as(design).isBetween(0.0, 1.0);
            } else {
                assertThat(burst.get("fairness").asDouble()).as(design).isEqualTo(1.0);
            }
            assertThat(burst.get("worstWinnerRank").asInt()).as(design)
                    .isBetween(10, burst.get("outcomes").get("SUCCEEDED").asInt() + burst.get("outcomes").path("REJECTED").asInt()
                            + burst.get("outcomes").path("FAILED_FINAL").asInt());
            assertThat(burst.get("decisionP50Ms").asDouble()).as(design).isPositive();
            assertThat(burst.get("decisionP99Ms").asDouble()).as(design).isGreaterThanOrEqualTo(burst.get("decisionP95Ms").asDouble())
                    .isGreaterThanOrEqualTo(burst.get("decisionP50Ms").asDouble());
            assertThat(burst.get("grantsPerSecond").asDouble()).as(design).isPositive();
            assertThat(burst.get("grantsPerSecondVsTxFloor").asDouble()).as(design).isPositive();
            assertThat(burst.get("neverAccepted").isIntegralNumber()).as(design).isTrue();
            assertThat(burst.get("retries").isIntegralNumber()).as(design).isTrue();
        }
        for (String field : List.of("burstFairness", "burstWorstWinnerRank", "burstDecisionP99Ms", "burstGrantsPerSecond",
                "grantsPerSecondVsTxFloor", "burstNeverAccepted")) {
            assertThat(summary.path(field).isNumber()).as(field + " in " + summary).isTrue();
        }
        JsonNode asynchronous = summary.get("burst").get(0);
        assertThat(summary.get("burstFairness").asDouble()).isEqualTo(asynchronous.get("fairness").asDouble());
        assertThat(summary.get("grantsPerSecondVsTxFloor").asDouble())
                .isEqualTo(asynchronous.get("grantsPerSecondVsTxFloor").asDouble());
        assertThat(Files.readString(reportDirectory.resolve("report.txt"))).contains("Burst: FCFS decisions");

        assertThat(reportDirectory.resolve("results.json")).isRegularFile();
        assertThat(Files.readString(reportDirectory.resolve("report.txt"))).contains("Cold start", "Burst", "Floor");
        for (String chart : List.of("ingest-throughput.svg", "burst-latency.svg")) {
            assertThat(Files.readString(reportDirectory.resolve(chart))).startsWith("<svg").contains("</svg>");
        }
    }
}
