package com.rushgate.local.demo;

import com.rushgate.local.analytics.AnalyticsReport;
import com.rushgate.local.analytics.Answer;
import com.rushgate.local.analytics.LakeAnalytics;
import com.rushgate.local.stack.LocalStack;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end of a demo on a stack that runs the analytics pipe: wait until the data lake holds every
 * final request of the event, then ask the analytics questions about it.
 */
final class DemoLake {

    /** Longest wait for the lake to hold every final request once the drain is over. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND = Duration.ofMillis(250);

    /**
     * What the lake says about the event.
     *
     * @param requests distinct requests of the event in the lake
     */
    record Answers(long requests, AnalyticsReport report) {

        /** The summary with lakeRecords, p95LatencyMs, successRatio and dlqRate added. */
        DemoSummary addTo(DemoSummary summary) {
            return summary.with("lakeRecords", requests)
                    .with("p95LatencyMs", rounded(find("latency_by_event", "p95_latency_ms"), 100))
                    .with("successRatio", rounded(find("outcomes", "success_ratio"), 10_000))
                    .with("dlqRate", rounded(find("dlq_rate", "dlq_rate"), 10_000));
        }

        private Double find(String question, String column) {
            return report.answers().stream().filter(a -> a.question().equals(question)).findFirst()
                    .flatMap(a -> a.firstNumber(column)).orElse(null);
        }

        private static Double rounded(Double value, int scale) {
            return value == null ? null : Math.round(value * scale) / (double) scale;
        }
    }

    private final LocalStack stack;
    private final PrintStream console;

    DemoLake(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    /**
     * Flushes the pipes until the lake holds {@code finals} requests of the event (or a minute has
     * passed: the summary then shows what is missing), and answers the questions for the event.
     *
     * @throws IllegalStateException if the stack runs no pipe
     */
    Answers await(String eventId, int finals) throws InterruptedException {
        if (stack.streamPipes().isEmpty()) {
            throw new IllegalStateException("this stack runs no analytics pipe");
        }
        Path lake = stack.lake().orElseThrow();
        Progress progress = new Progress(console, "lake", finals);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long inLake;
        while (true) {
            // A flush reads each shard to its end and writes what it read: one round is normally enough.
            stack.flushPipes();
            try (LakeAnalytics analytics = LakeAnalytics.open(stack.model(), lake)) {
                inLake = analytics.requests(eventId);
            }
            progress.show(inLake);
            if (inLake >= finals || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(ROUND.toMillis());
        }
        progress.finish(inLake);
        List<Answer> answers;
        try (LakeAnalytics analytics = LakeAnalytics.open(stack.model(), lake)) {
            answers = analytics.askAll(eventId);
        }
        return new Answers(inLake, new AnalyticsReport(answers, lake.toString(), eventId));
    }
}
