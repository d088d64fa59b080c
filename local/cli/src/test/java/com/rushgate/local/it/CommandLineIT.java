package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line as a user runs it: {@code java -jar rushgate-local.jar} in a JVM of its own,
 * reading what it prints on its real standard output and standard error. Results go to standard
 * output, progress and logs to standard error, whether or not {@code --json} is given.
 */
class CommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bound, not a wait: generous, as the machine may be shared. */
    private static final long DEMO_SECONDS = 600;
    private static final long QUICK_SECONDS = 60;

    private static Path state;
    private static RushgateProcess.Run demo;

    @BeforeAll
    static void runADemo() {
        state = TestStacks.tempDir("rushgate-cli-state");
        demo = RushgateProcess.run(DEMO_SECONDS, "demo", "--users", "20", "--capacity", "5", "--concurrency", "8",
                "--state-dir", state.toString());
    }

    @Test
    void demo_withoutJson_printsItsSummaryAndAnalyticsOnStandardOutput() {
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("Rushgate demo: FCFS event demo-")
                .containsPattern("(?m)^\\s+accepted \\(202\\)\\s+20$")
                .containsPattern("(?m)^\\s+SUCCEEDED\\s+5$")
                .containsPattern("(?m)^\\s+never accepted\\s+0\\s+ok$")
                .containsPattern("(?m)^\\s+lost\\s+0\\s+ok$")
                .containsPattern("(?m)^\\s+oversold\\s+0\\s+ok$")
                .containsPattern("(?m)^\\s+fairness\\s+1\\.0000\\s+ok$")
                .containsPattern("(?m)^\\s+worst winner rank\\s+5\\s+")
                .contains("latency_by_event:")
                .doesNotContain("starting an in-memory stack")
                .doesNotContain("decided ");
        assertThat(demo.out().strip()).doesNotStartWith("{").doesNotEndWith("}");
    }

    @Test
    void demo_writesProgressOnStandardError() {
        assertThat(demo.err()).contains("starting an in-memory stack").containsPattern("(?m)^ingest\\s+100% ");
        assertThat(demo.err()).doesNotContain("oversold");
    }

    @Test
    void analytics_afterADemo_printsItsTableOnStandardOutput() {
        RushgateProcess.Run analytics = RushgateProcess.run(QUICK_SECONDS, "analytics", "--state-dir", state.toString());

        assertThat(analytics.exit()).as(analytics.err()).isZero();
        assertThat(analytics.out()).contains("Analytics (DuckDB over " + state.resolve("lake"))
                .contains("outcomes:").contains("latency_by_event:").contains("demo-");
    }

    @Test
    void analytics_withJson_printsOneJsonObject() throws Exception {
        RushgateProcess.Run analytics = RushgateProcess.run(QUICK_SECONDS, "analytics", "--json",
                "--state-dir", state.toString());

        assertThat(analytics.exit()).as(analytics.err()).isZero();
        JsonNode report = JSON.readTree(analytics.out());
        assertThat(report.at("/answers/outcomes/0/requests").asInt()).isEqualTo(20);
    }

    @Test
    void help_printsUsageOnStandardOutput() {
        RushgateProcess.Run help = RushgateProcess.run(QUICK_SECONDS, "--help");
        RushgateProcess.Run demoHelp = RushgateProcess.run(QUICK_SECONDS, "demo", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: rushgate").contains("demo", "analytics", "bench");
        assertThat(help.err()).isEmpty();
        assertThat(demoHelp.exit()).isZero();
        assertThat(demoHelp.out()).startsWith("Usage: rushgate demo").contains("--users", "--chaos", "--json");
    }

    @Test
    void token_printsATokenOnStandardOutput() {
        RushgateProcess.Run token = RushgateProcess.run(QUICK_SECONDS, "token", "--user", "alice",
                "--state-dir", state.toString());

        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(token.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
    }

    @Test
    void analytics_withoutALake_saysWhyOnStandardError() {
        Path empty = TestStacks.tempDir("rushgate-cli-empty");

        RushgateProcess.Run analytics = RushgateProcess.run(QUICK_SECONDS, "analytics", "--state-dir", empty.toString());

        assertThat(analytics.exit()).isEqualTo(2);
        assertThat(analytics.err()).startsWith("rushgate: no data lake in " + empty.resolve("lake"));
        assertThat(analytics.out()).isEmpty();
    }

    @Test
    void badArguments_areRefusedOnStandardError() {
        RushgateProcess.Run noUsers = RushgateProcess.run(QUICK_SECONDS, "demo", "--users", "0",
                "--state-dir", state.toString());
        RushgateProcess.Run unknown = RushgateProcess.run(QUICK_SECONDS, "demo", "--no-such-option");
        RushgateProcess.Run notRunning = RushgateProcess.run(QUICK_SECONDS, "list-events", "--state-dir",
                TestStacks.tempDir("rushgate-cli-none").toString());

        assertThat(noUsers.exit()).isEqualTo(2);
        assertThat(noUsers.err()).contains("rushgate: need users >= 1");
        assertThat(noUsers.out()).isEmpty();
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--no-such-option'").contains("Usage: rushgate demo");
        assertThat(unknown.out()).isEmpty();
        assertThat(notRunning.exit()).isEqualTo(2);
        assertThat(notRunning.err()).contains("rushgate: no running stack").contains("./rushgate start");
        assertThat(notRunning.out()).isEmpty();
    }
}
