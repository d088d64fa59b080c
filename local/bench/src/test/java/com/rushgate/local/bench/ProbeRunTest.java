package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a cold-start probe wrote, read back: the times from spawning, and the medians the report quotes. */
class ProbeRunTest {

    private static final long SPAWNED = 5_000_000_000L;

    private static ProbeRun run(double initMs, double... warmMs) {
        return new ProbeRun(0, initMs, 0, 10, warmMs, "", 0, 0, 0, 0, 0);
    }

    /** What a probe writes without warm calls: every step 1 ns after the last, no class loaded. */
    private static Map<String, String> bare() {
        Map<String, String> readings = new HashMap<>();
        List.of("mainNanos", "loadedNanos", "loadedCpuNanos", "loadedClasses", "countedNanos", "primedNanos",
                "primedCpuNanos", "primedClasses", "invokedNanos", "invokedCpuNanos", "invokedClasses")
                .forEach(key -> readings.put(key, Integer.toString(readings.size() + 1)));
        return readings;
    }

    @Test
    void of_measuresEveryStepFromWhatThePreviousOneEnded_leavingTheClassCountOut() {
        Map<String, String> readings = ProbeProcess.readings("IngestFunction", List.of(
                "mainNanos=" + (SPAWNED + 100_000_000), "loadedNanos=" + (SPAWNED + 400_000_000),
                "loadedCpuNanos=700000000", "loadedClasses=2100", "countedCpuNanos=720000000",
                "countedNanos=" + (SPAWNED + 420_000_000), "primedNanos=" + (SPAWNED + 450_000_000),
                "primedCpuNanos=760000000", "primedClasses=2300", "invokedNanos=" + (SPAWNED + 500_000_000),
                "invokedCpuNanos=840000000", "invokedClasses=3400",
                "warmNanos=1000000,3000000,2000000", "firstOutput={\"statusCode\":202,\"body\":\"a=b\"}"));

        ProbeRun run = ProbeRun.of(readings, SPAWNED);

        assertThat(run.jvmStartMs()).isEqualTo(100.0);
        assertThat(run.initMs()).isEqualTo(400.0);
        assertThat(run.primingMs()).isEqualTo(30.0);
        assertThat(run.firstInvocationMs()).isEqualTo(50.0);
        assertThat(run.coldStartMs()).isEqualTo(450.0);
        assertThat(run.warmMs()).containsExactly(1.0, 3.0, 2.0);
        assertThat(run.firstOutput()).isEqualTo("{\"statusCode\":202,\"body\":\"a=b\"}");
    }

    @Test
    void of_readsCpuTimeAndClasses_initFromTheJvmsStart_firstCallFromPrimed() {
        Map<String, String> readings = new HashMap<>(bare());
        readings.put("loadedCpuNanos", "700000000");
        readings.put("primedCpuNanos", "760000000");
        readings.put("invokedCpuNanos", "840000000");
        readings.put("loadedClasses", "2100");
        readings.put("primedClasses", "3100");
        readings.put("invokedClasses", "3400");

        ProbeRun run = ProbeRun.of(readings, 0);

        assertThat(run.initCpuMs()).isEqualTo(700.0);
        assertThat(run.firstInvocationCpuMs()).isEqualTo(80.0);
        assertThat(run.coldStartCpuMs()).isEqualTo(780.0);
        assertThat(run.initClasses()).isEqualTo(2100);
        assertThat(run.coldStartClasses()).isEqualTo(3400);
        assertThat(run.firstInvocationClasses()).as("what the first call loaded after priming").isEqualTo(300);
    }

    @Test
    void of_withoutWarmCalls_hasNone() {
        ProbeRun run = ProbeRun.of(bare(), 0);

        assertThat(run.warmMs()).isEmpty();
        assertThat(run.firstOutput()).isEmpty();
    }

    @Test
    void of_aReadingMissing_failsNamingIt() {
        Map<String, String> readings = new HashMap<>(bare());
        readings.remove("invokedCpuNanos");

        assertThatThrownBy(() -> ProbeRun.of(readings, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the probe wrote no invokedCpuNanos");
    }

    @Test
    void readings_anErrorInTheProbe_failsNamingTheFunction() {
        assertThatThrownBy(() -> ProbeProcess.readings("WorkerFunction",
                List.of("mainNanos=1", "error=java.lang.NoClassDefFoundError: software/amazon/awssdk/Foo")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WorkerFunction failed in its probe: java.lang.NoClassDefFoundError: software/amazon/awssdk/Foo");
    }

    @Test
    void median_isTheMiddleRun_theUpperOfAnEvenCount_and0WithoutRuns() {
        assertThat(ProbeRun.median(List.of(run(30), run(10), run(20)), ProbeRun::initMs)).isEqualTo(20.0);
        assertThat(ProbeRun.median(List.of(run(30), run(10), run(20), run(40)), ProbeRun::initMs)).isEqualTo(30.0);
        assertThat(ProbeRun.median(List.of(), ProbeRun::initMs)).isZero();
    }

    @Test
    void warmPercentile_poolsTheWarmCallsOfEveryRun() {
        List<ProbeRun> runs = List.of(run(1, 5, 1, 3), run(1, 2, 4), run(1));

        assertThat(ProbeRun.warmPercentile(runs, 50)).isEqualTo(3.0);
        assertThat(ProbeRun.warmPercentile(runs, 99)).isEqualTo(5.0);
        assertThat(ProbeRun.warmPercentile(List.of(run(1)), 50)).isZero();
    }
}
