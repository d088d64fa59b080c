package com.rushgate.local.demo;

import com.rushgate.core.app.CreateEventCommand;
import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.load.DrawVerification;
import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.load.RequestTableReads;
import com.rushgate.local.stack.LocalStack;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A raffle on the local stack, as a participant and an operator live it: a raffle created with its
 * seed's commitment, every user's entry over HTTP, the raffle closed once they are all in, then
 * nothing but waiting: the scheduled reconciler draws it within a minute of its close plus the
 * settle window, the workers decide every entry, and the draw is checked through the public API as
 * anyone can check it ({@link DrawVerification}).
 */
final class DemoRaffle {

    private final LocalStack stack;
    private final PrintStream console;

    DemoRaffle(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    DemoSummary run(DemoOptions options) throws InterruptedException {
        String eventId = "raffle-" + UUID.randomUUID().toString().substring(0, 8);
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        Instant opensAt = Instant.now().minusSeconds(1);
        // Open for an hour at most: the demo closes it as soon as every participation is answered.
        new CreateEventUseCase(new DynamoRaffles(stack.clients().dynamoDb(), eventTable),
                () -> DrawSeed.random(new SecureRandom()))
                .create(new CreateEventCommand(eventId, EventType.RAFFLE, options.capacity(), opensAt,
                        opensAt.plus(Duration.ofHours(1))));
        DemoIngest participants = new DemoIngest(stack, console);
        List<String> submissions = DemoIngest.submissions(options.users(), options.duplicates());
        DemoIngest.Result ingest = participants.send(eventId, submissions, participants.tokens(options.users()),
                options.concurrency());

        Instant closedAt = Instant.now();
        new DynamoEventCatalog(stack.clients().dynamoDb(), eventTable).close(eventId, closedAt);
        console.printf("raffle %s closed at %s; the scheduled reconciler draws it within a minute%n", eventId, closedAt);
        long drainStarted = System.nanoTime();
        DropOutcome outcome = awaitDecided(eventId, ingest.accepted(), options);
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

        int winners = outcome.count(RequestStatus.SUCCEEDED);
        DrawVerification.Result verified = verify(eventId, outcome);
        // The entries the draw took, as published; REJECTED entries otherwise (none excluded here).
        long entries = verified != null ? verified.entries() : winners + outcome.count(RequestStatus.REJECTED);
        Latencies latencies = ingest.latencies();
        return new DemoSummary(eventId, options.users(), options.capacity(), submissions.size(),
                ingest.accepted().size(), ingest.duplicates(), ingest.refusedCount(), ingest.neverAccepted(), winners,
                outcome.count(RequestStatus.REJECTED), outcome.count(RequestStatus.FAILED_FINAL),
                Math.max(0, options.capacity() - winners), outcome.lost(), outcome.oversold(),
                verified != null && verified.ok() ? 1.0 : 0.0, 0, submissions.size() / ingest.seconds(),
                latencies.percentileMs(50), latencies.percentileMs(95), latencies.percentileMs(99), drainSeconds,
                Map.of())
                .with("type", EventType.RAFFLE.name())
                .with("entries", entries)
                .with("winners", winners)
                .with("notDrawn", entries - winners)
                .with("drawVerified", verified != null && verified.ok())
                .with("secondsCloseToDraw", verified == null ? null
                        : DemoSummary.round(Duration.between(closedAt, verified.drawnAt()).toMillis() / 1000.0))
                .with("retries", ingest.retries());
    }

    /**
     * Waits until every accepted entry is SUCCEEDED or REJECTED. A raffle's stock is not taken unit
     * by unit, so the outcome's oversold compares the winners with the capacity itself.
     */
    private DropOutcome awaitDecided(String eventId, List<String> accepted, DemoOptions options)
            throws InterruptedException {
        DropOutcome.Source entries = new DropOutcome.Source() {
            @Override
            public List<RequestTableReads.Row> rows() {
                return RequestTableReads.rowsOfEvent(stack, eventId);
            }

            @Override
            public int remaining() {
                return 0;
            }
        };
        Progress progress = new Progress(console, "decided by the draw", accepted.size());
        DropOutcome outcome = DropOutcome.await(entries, accepted, options.capacity(), DropOutcome.Until.DECIDED,
                options.drainTimeout(), reading -> progress.show(reading.decidedCount()));
        progress.finish(outcome.decidedCount());
        return outcome;
    }

    /** The draw checked through the public API; null when the raffle was never drawn. */
    private DrawVerification.Result verify(String eventId, DropOutcome outcome) {
        if (outcome.count(RequestStatus.ENTERED) > 0 && outcome.count(RequestStatus.SUCCEEDED) == 0) {
            console.printf("raffle %s was not drawn before the timeout%n", eventId);
            return null;
        }
        DrawVerification.Result result = new DrawVerification(stack.apiEndpoint().orElseThrow()).verify(eventId);
        console.printf("draw of %s checked through the public API: %s%n", eventId,
                result.ok() ? "verified" : "NOT VERIFIED " + result.problems());
        return result;
    }
}
