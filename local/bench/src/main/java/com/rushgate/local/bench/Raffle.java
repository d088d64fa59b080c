package com.rushgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.CreateEventCommand;
import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.RequestTableReads;
import com.rushgate.local.triggers.SqsPoller;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The raffle section: entries per second over HTTP into an open raffle and entered by the workers
 * (RECEIVED to ENTERED); then a raffle of the plan's entry count, recorded and queued as Ingest
 * would, entered by the workers, closed, drawn by the Draw function (the invocation's wall time)
 * and finalised by the workers (from the draw until every entry is SUCCEEDED or REJECTED); and the
 * draw's memory, measured in-process ({@link RaffleHeap}). The reporting is {@link RaffleReport}.
 */
final class Raffle {

    /** The longest any one wait of the section may take. */
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchStack bench;
    private final Plan plan;
    private final PrintStream console;

    Raffle(BenchStack bench, Plan plan, PrintStream console) {
        this.bench = bench;
        this.plan = plan;
        this.console = console;
    }

    void run(HttpLoad load, Report report) throws InterruptedException, IOException {
        List<RaffleHeap.Measure> heaps = plan.raffleHeapEntries().stream().map(entries -> {
            console.printf("raffle: the draw's memory on %,d synthetic entries, capacity %,d...%n", entries,
                    plan.raffleCapacity());
            return RaffleHeap.measure(entries, plan.raffleCapacity());
        }).toList();

        int entrants = Math.min(plan.raffleEntrants(), plan.burstUsers());
        int clients = plan.referenceLevel();
        console.printf("raffle: %,d entrants over HTTP at %d clients...%n", entrants, clients);
        String open = "raffle-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        createRaffle(open, Instant.now().minusSeconds(1), Instant.now().plus(Duration.ofHours(1)));
        HttpLoad.Result ingest;
        double enteredSeconds;
        long accepted;
        // No worker runs while the entries come in, as in the ingest section; then the workers enter them.
        ingest = load.run(entrants, clients, LIMIT, i -> bench.participation(bench.apiEndpoint(), open, i),
                (i, s, b) -> { });
        accepted = ingest.statuses().getOrDefault(202, 0L);
        try (SqsPoller poller = bench.defaultPoller()) {
            long started = System.nanoTime();
            awaitDeleted(poller, accepted);
            enteredSeconds = (System.nanoTime() - started) / 1e9;
        }
        int enteredOverHttp = RequestTableReads.statusesOfEvent(bench.stack(), open).getOrDefault(RequestStatus.ENTERED, 0);

        RaffleReport.Draw draw = draw(plan.raffleEntries());
        RaffleReport.write(new RaffleReport.Ingest(clients, ingest, enteredOverHttp, enteredSeconds), draw, heaps, report);
    }

    /** A raffle recorded, queued, entered, closed, drawn and finalised; the draw's and the finalisation's times. */
    private RaffleReport.Draw draw(int entries) throws InterruptedException, IOException {
        console.printf("raffle: recording and queueing %,d entries...%n", entries);
        String eventId = "raffle-draw-" + UUID.randomUUID().toString().substring(0, 8);
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Event raffle = Event.create(eventId, EventType.RAFFLE, plan.raffleCapacity(), acceptedAt.minusSeconds(60),
                acceptedAt.plus(Duration.ofHours(1)));
        List<ParticipationRequest> requests = record(raffle, entries, acceptedAt);
        createRaffle(eventId, raffle.opensAt(), raffle.closesAt());
        queue(requests);
        try (SqsPoller poller = bench.defaultPoller()) {
            long started = System.nanoTime();
            awaitDeleted(poller, entries);
            double enteredSeconds = (System.nanoTime() - started) / 1e9;
            int entered = RequestTableReads.statusesOfEvent(bench.stack(), eventId).getOrDefault(RequestStatus.ENTERED, 0);
            console.printf("raffle: %,d entered in %.1f s; closing and drawing...%n", entered, enteredSeconds);
            new DynamoEventCatalog(bench.stack().clients().dynamoDb(), bench.variable("EVENT_TABLE"))
                    .close(eventId, Instant.now());

            long deletedBefore = poller.deleted();
            long drawStarted = System.nanoTime();
            JsonNode answer = invokeDraw(eventId);
            long drawEnded = System.nanoTime();
            int chunks = (entries + DrawDecisions.MAX_ENTRIES - 1) / DrawDecisions.MAX_ENTRIES;
            awaitDeleted(poller, deletedBefore + chunks);
            Map<RequestStatus, Integer> statuses = awaitDecided(eventId, entries);
            double finaliseSeconds = (System.nanoTime() - drawEnded) / 1e9;
            return new RaffleReport.Draw(entries, plan.raffleCapacity(), entered, enteredSeconds,
                    answer.path("entries").asLong(), answer.path("winners").asLong(), (drawEnded - drawStarted) / 1e9,
                    statuses.getOrDefault(RequestStatus.SUCCEEDED, 0), statuses.getOrDefault(RequestStatus.REJECTED, 0),
                    finaliseSeconds);
        }
    }

    private void createRaffle(String eventId, Instant opensAt, Instant closesAt) {
        DynamoRaffles raffles = new DynamoRaffles(bench.stack().clients().dynamoDb(), bench.variable("EVENT_TABLE"));
        new CreateEventUseCase(raffles, () -> DrawSeed.random(new SecureRandom()))
                .create(new CreateEventCommand(eventId, EventType.RAFFLE, plan.raffleCapacity(), opensAt, closesAt));
    }

    /** Records the entries as Ingest does: RECEIVED, in the arrival index. */
    private List<ParticipationRequest> record(Event raffle, int count, Instant acceptedAt) throws InterruptedException {
        HmacUserKeys keys = new HmacUserKeys(new byte[32]);
        Sha256RequestIds ids = new Sha256RequestIds();
        List<ParticipationRequest> requests = IntStream.range(0, count).mapToObj(i -> "raffle-user-" + i)
                .map(user -> ParticipationRequest.received(ids.derive(raffle.eventId(), user), raffle, user,
                        keys.derive(user), acceptedAt, null))
                .toList();
        DynamoRequestStore store = new DynamoRequestStore(bench.stack().clients().dynamoDb(),
                bench.variable("REQUEST_TABLE"), Integer.parseInt(bench.variable("ARRIVAL_SHARDS")));
        inParallel(() -> requests.parallelStream().forEach(store::insertIfAbsent));
        return requests;
    }

    private void queue(List<ParticipationRequest> requests) throws InterruptedException {
        SqsWorkQueue queue = new SqsWorkQueue(bench.stack().clients().sqs(), bench.variable("QUEUE_URL"));
        inParallel(() -> requests.parallelStream()
                .forEach(r -> queue.send(new WorkMessage(r.requestId(), r.eventId(), r.acceptedAt()))));
    }

    /** Runs {@code work} on 16 threads: the calls wait on sockets, not on the cores. */
    private static void inParallel(Runnable work) throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(16);
        try {
            pool.submit(work).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("recording entries failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Invokes the Draw function until it draws: a raffle just closed is due once its settle window has passed. */
    private JsonNode invokeDraw(String eventId) throws IOException, InterruptedException {
        String function = bench.stack().model().functionWithHandler("com.rushgate.redrive.DrawHandler").logicalId();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            Invocation invocation = bench.stack().invoke(function, "{\"eventId\":\"" + eventId + "\"}");
            if (!invocation.succeeded()) {
                throw new IllegalStateException("the Draw function failed: " + invocation.payloadText());
            }
            JsonNode answer = JSON.readTree(invocation.payload());
            String outcome = answer.path("outcome").asText();
            if (outcome.equals("DRAWN")) {
                return answer;
            }
            if (!outcome.equals("TOO_EARLY") || System.nanoTime() > deadline) {
                throw new IllegalStateException("the raffle was not drawn: " + answer);
            }
            long wait = Duration.between(Instant.now(), Instant.parse(answer.path("dueAt").asText())).toMillis();
            TimeUnit.MILLISECONDS.sleep(Math.max(50, wait + 50));
        }
    }

    private Map<RequestStatus, Integer> awaitDecided(String eventId, int entries) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            Map<RequestStatus, Integer> statuses = RequestTableReads.statusesOfEvent(bench.stack(), eventId);
            int decided = statuses.getOrDefault(RequestStatus.SUCCEEDED, 0) + statuses.getOrDefault(RequestStatus.REJECTED, 0);
            if (decided >= entries || System.nanoTime() > deadline) {
                return statuses;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static void awaitDeleted(SqsPoller poller, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (poller.deleted() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
