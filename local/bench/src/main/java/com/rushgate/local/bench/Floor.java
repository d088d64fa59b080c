package com.rushgate.local.bench;

import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.stack.LocalStack;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * The emulators' own limits for exactly the calls one participation makes, through our own
 * adapters (so the items, conditions and transaction are the real ones) and with no gateway,
 * Lambda runtime or function code in between: a conditional put, a conditional update, an SQS
 * send, and the worker's TransactWriteItems, each from {@code concurrency} threads at once.
 *
 * <p>From them, the best rates this machine allows, assuming the emulators share the CPU (they
 * do, with everything else): a participation costs Ingest one conditional put (the request,
 * RECEIVED with Ingest's hold, which is also Powertools' in-progress record), one conditional
 * update (QUEUED) and one send; a decision costs the worker one conditional update (the claim) and
 * one transaction.
 */
final class Floor {

    /** Requests per second of each operation at one concurrency. */
    record Rates(int concurrency, double conditionalPut, double conditionalUpdate, double sqsSend, double transaction) {

        double ingestPerSecond() {
            return 1 / (1 / conditionalPut + 1 / conditionalUpdate + 1 / sqsSend);
        }

        double drainPerSecond() {
            return 1 / (1 / conditionalUpdate + 1 / transaction);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("concurrency", concurrency);
            map.put("conditionalPutPerSecond", Report.round(conditionalPut));
            map.put("conditionalUpdatePerSecond", Report.round(conditionalUpdate));
            map.put("sqsSendPerSecond", Report.round(sqsSend));
            map.put("transactionPerSecond", Report.round(transaction));
            map.put("ingestPerSecond", Report.round(ingestPerSecond()));
            map.put("drainPerSecond", Report.round(drainPerSecond()));
            return map;
        }
    }

    private final LocalStack stack;
    private final DynamoRequestStore requests;
    private final DynamoStockAllocator stock;
    private final SqsWorkQueue queue;
    private final DynamoEventCatalog events;

    Floor(LocalStack stack) {
        this.stack = stack;
        String requestTable = stack.model().functionVariable("REQUEST_TABLE");
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        this.requests = new DynamoRequestStore(stack.clients().dynamoDb(), requestTable,
                Integer.parseInt(stack.model().functionVariable("ARRIVAL_SHARDS")));
        this.stock = new DynamoStockAllocator(stack.clients().dynamoDb(), eventTable, requestTable);
        this.queue = new SqsWorkQueue(stack.clients().sqs(), stack.model().functionVariable("QUEUE_URL"));
        this.events = new DynamoEventCatalog(stack.clients().dynamoDb(), eventTable);
    }

    /**
     * The section: every level of the plan into {@code report}; the rates by level, which the
     * ingest, drain and burst sections compare with.
     */
    Map<Integer, Rates> run(Plan plan, Report report, PrintStream console) throws InterruptedException {
        Map<Integer, Rates> rates = new LinkedHashMap<>();
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int level : plan.levels()) {
            console.printf("floor at %d threads...%n", level);
            Rates measured = measure(level, plan.floorEach());
            rates.put(level, measured);
            details.add(measured.toMap());
            rows.add(List.of(Integer.toString(level), Report.number(measured.conditionalPut()),
                    Report.number(measured.conditionalUpdate()), Report.number(measured.sqsSend()),
                    Report.number(measured.transaction()), Report.number(measured.ingestPerSecond()),
                    Report.number(measured.drainPerSecond())));
        }
        purgeWorkQueue();
        report.detail("floor", details);
        report.table("Floor: operations per second of the emulators, and the best rates they allow",
                List.of("threads", "cond. put", "cond. update", "SQS send", "transaction", "ingest floor", "drain floor"),
                rows);
        Rates reference = rates.get(plan.referenceLevel());
        report.put("floorIngestPerSecond", reference.ingestPerSecond());
        report.put("floorDrainPerSecond", reference.drainPerSecond());
        return rates;
    }

    Rates measure(int concurrency, Duration each) throws InterruptedException {
        String eventId = "floor-" + UUID.randomUUID().toString().substring(0, 8);
        Event event = Event.create(eventId, EventType.FCFS, 1_000_000_000, Instant.now().minusSeconds(1), null);
        events.create(event);
        Sha256RequestIds ids = new Sha256RequestIds();
        HmacUserKeys keys = new HmacUserKeys(new byte[32]);
        ConcurrentLinkedQueue<ParticipationRequest> created = new ConcurrentLinkedQueue<>();
        AtomicInteger users = new AtomicInteger();

        double put = run(concurrency, each, i -> {
            String user = "floor-user-" + users.incrementAndGet();
            ParticipationRequest request = ParticipationRequest.received(ids.derive(eventId, user), event, user,
                    keys.derive(user), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            requests.insertIfAbsent(request);
            created.add(request);
            return true;
        });
        List<RequestId> recorded = new ArrayList<>();
        created.forEach(request -> recorded.add(request.requestId()));
        AtomicInteger nextUpdate = new AtomicInteger();
        double update = run(concurrency, each, i -> {
            int index = nextUpdate.getAndIncrement();
            return index < recorded.size() && requests.markQueued(recorded.get(index), Instant.now());
        });
        double send = run(concurrency, each, i -> {
            queue.send(new WorkMessage(recorded.get(i % recorded.size()), eventId, Instant.now()));
            return true;
        });
        purgeWorkQueue();
        // The transaction needs claimed requests: claim the queued ones first (not timed).
        ConcurrentLinkedQueue<ParticipationRequest> claimed = new ConcurrentLinkedQueue<>();
        int queued = nextUpdate.get();
        run(concurrency, Duration.ofMinutes(5), i -> {
            if (i >= Math.min(queued, recorded.size())) {
                return false;
            }
            Instant now = Instant.now();
            if (requests.claim(recorded.get(i), now, now.plusSeconds(600)) instanceof ClaimResult.Claimed c) {
                claimed.add(c.request());
            }
            return true;
        });
        double transaction = run(concurrency, each, i -> {
            ParticipationRequest request = claimed.poll();
            if (request == null) {
                return false;
            }
            stock.allocate(request, Instant.now());
            return true;
        });
        return new Rates(concurrency, put, update, send, transaction);
    }

    private void purgeWorkQueue() {
        stack.clients().sqs().purgeQueue(p -> p.queueUrl(stack.model().functionVariable("QUEUE_URL")));
    }

    /**
     * Runs {@code operation(i)} from {@code threads} threads until the time is up or it answers
     * false (nothing left to do); returns completed operations per second.
     */
    private static double run(int threads, Duration limit, IntPredicate operation) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        if (!operation.test(next.getAndIncrement())) {
                            return;
                        }
                        done.incrementAndGet();
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a floor operation failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = Math.max(1e-9, (lastDone.get() - started) / 1e9);
        return done.get() / seconds;
    }
}
