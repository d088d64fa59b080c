package com.rushgate.local.demo;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.analytics.AnalyticsReport;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.stack.LocalStack;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A drop on the local stack (a raffle's run is {@link DemoRaffle}'s): an FCFS event, every user's participation over HTTP with their own
 * token plus duplicate submissions, then a wait until every accepted request is final, and the
 * proof: nothing lost, nothing oversold. With chaos, faults are injected while participations
 * arrive (and poison messages sent); then the faults stop and the reconciler and a redrive
 * recover every request. When the stack runs the analytics pipe, the demo ends with the
 * analytics answers for its event, from the local data lake ({@link DemoLake}).
 */
public final class Demo {

    private final LocalStack stack;
    private final PrintStream console;
    private DemoLake.Answers lakeAnswers;

    public Demo(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    public DemoSummary run(DemoOptions options) throws InterruptedException {
        if (options.type() == EventType.RAFFLE) {
            DemoSummary raffle = new DemoRaffle(stack, console).run(options);
            return withLake(raffle, raffle.succeeded() + raffle.rejected() + raffle.failedFinal());
        }
        String eventId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoEventCatalog events = new DynamoEventCatalog(stack.clients().dynamoDb(),
                stack.model().functionVariable("EVENT_TABLE"));
        events.create(Event.create(eventId, EventType.FCFS, options.capacity(), Instant.now().minusSeconds(1), null));
        DemoIngest participants = new DemoIngest(stack, console);
        List<String> submissions = DemoIngest.submissions(options.users(), options.duplicates());
        Map<String, String> tokens = participants.tokens(options.users());
        DemoRecovery recovery = new DemoRecovery(stack, console);

        if (options.chaos() > 0) {
            recovery.injectFaults(options.chaos(), options.poisonMessages());
        }
        DemoIngest.Result ingest;
        try {
            ingest = participants.send(eventId, submissions, tokens, options.concurrency());
        } finally {
            Faults.off();
        }

        long drainStarted = System.nanoTime();
        DropOutcome.Source drop = DropOutcome.Source.of(stack, eventId);
        DemoRecovery.Recovered recovered = options.chaos() > 0
                ? recovery.recover(drop, ingest.accepted(), options.capacity(), options.drainTimeout())
                : new DemoRecovery.Recovered(awaitFinal(drop, ingest.accepted(), options), 0, 0);
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

        DropOutcome outcome = recovered.outcome();
        int succeeded = outcome.count(RequestStatus.SUCCEEDED);
        int rejected = outcome.count(RequestStatus.REJECTED);
        int failedFinal = outcome.count(RequestStatus.FAILED_FINAL);
        Latencies latencies = ingest.latencies();
        DemoSummary summary = new DemoSummary(eventId, options.users(), options.capacity(), submissions.size(),
                ingest.accepted().size(), ingest.duplicates(), ingest.refusedCount(), ingest.neverAccepted(), succeeded,
                rejected, failedFinal, outcome.remaining(), outcome.lost(), outcome.oversold(),
                outcome.fairness().fairness(), outcome.fairness().worstWinnerRank(),
                submissions.size() / ingest.seconds(), latencies.percentileMs(50), latencies.percentileMs(95),
                latencies.percentileMs(99), drainSeconds, Map.of())
                .with("decisionP50Ms", DemoSummary.round(outcome.decisions().p50Ms()))
                .with("decisionP95Ms", DemoSummary.round(outcome.decisions().p95Ms()))
                .with("decisionP99Ms", DemoSummary.round(outcome.decisions().p99Ms()))
                .with("grantsPerSecond", DemoSummary.round(outcome.decisions().grantsPerSecond()))
                .with("retries", ingest.retries());
        if (!ingest.refused().isEmpty()) {
            summary = summary.with("refusedByStatus", ingest.refused());
        }
        if (options.chaos() > 0) {
            summary = summary.with("faultsInjected", Faults.total())
                    .with("faults", Faults.injected())
                    .with("redriven", recovered.redriven())
                    .with("reconciled", recovered.reconciled())
                    .with("dlqRemaining", recovery.dlqDepth());
        }
        return withLake(summary, succeeded + rejected + failedFinal);
    }

    /** With the analytics pipe: waits for the lake to hold the event's final requests and adds its answers. */
    private DemoSummary withLake(DemoSummary summary, int finalRequests) throws InterruptedException {
        if (stack.streamPipes().isEmpty()) {
            return summary;
        }
        lakeAnswers = new DemoLake(stack, console).await(summary.eventId(), finalRequests);
        return lakeAnswers.addTo(summary);
    }

    /** The analytics answers for the demo's event, once {@link #run} has waited for them; empty without a lake. */
    public Optional<AnalyticsReport> analytics() {
        return Optional.ofNullable(lakeAnswers).map(DemoLake.Answers::report);
    }

    /** Without chaos: waits until every accepted request is final, showing how many are. */
    private DropOutcome awaitFinal(DropOutcome.Source drop, List<String> accepted, DemoOptions options)
            throws InterruptedException {
        Progress progress = new Progress(console, "decided", accepted.size());
        DropOutcome outcome = DropOutcome.await(drop, accepted, options.capacity(), DropOutcome.Until.FINAL,
                options.drainTimeout(), reading -> progress.show(reading.finalCount()));
        progress.finish(outcome.finalCount());
        return outcome;
    }
}
