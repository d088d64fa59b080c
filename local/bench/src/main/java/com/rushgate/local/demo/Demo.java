package com.rushgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.analytics.AnalyticsReport;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.load.DecisionTimes;
import com.rushgate.local.load.Fairness;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.load.RequestTableReads;
import com.rushgate.local.load.RetryPolicy;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A drop on the local stack: an FCFS event, every user's participation over HTTP with their own
 * token plus duplicate submissions, then a wait until every accepted request is final, and the
 * proof: nothing lost, nothing oversold. With chaos, faults are injected while participations
 * arrive (and poison messages sent); then the faults stop and the reconciler and a redrive
 * recover every request. When the stack runs the analytics pipe, the demo ends with the
 * analytics answers for its event, from the local data lake ({@link DemoLake}).
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_GET = 100;
    private static final Duration RECOVERY_ROUND = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** No submission is sent for the first time later than this after the first. */
    private static final Duration INGEST_LIMIT = Duration.ofMinutes(10);

    private final LocalStack stack;
    private final PrintStream console;
    private DemoLake.Answers lakeAnswers;

    public Demo(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    public DemoSummary run(DemoOptions options) throws InterruptedException {
        String eventId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoEventCatalog events = new DynamoEventCatalog(stack.clients().dynamoDb(),
                stack.model().functionVariable("EVENT_TABLE"));
        events.create(Event.create(eventId, EventType.FCFS, options.capacity(), Instant.now().minusSeconds(1), null));
        List<String> submissions = submissions(options);
        Map<String, String> tokens = tokens(options.users());

        if (options.chaos() > 0) {
            requireFaultInjection();
            Faults.set(options.chaos(), workQueue(), stack.model().functionVariable("EVENT_TABLE"));
            poison(options.poisonMessages());
        }
        Ingest ingest;
        try {
            ingest = ingest(eventId, submissions, tokens, options.concurrency());
        } finally {
            Faults.off();
        }

        long drainStarted = System.nanoTime();
        Recovery recovery = options.chaos() > 0
                ? recover(ingest.accepted(), options.drainTimeout())
                : new Recovery(awaitFinal(ingest.accepted(), options.drainTimeout(), false), 0, 0);
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

        Map<RequestStatus, Integer> acceptedFinals = recovery.finals();
        int lost = ingest.accepted().size() - acceptedFinals.values().stream().mapToInt(Integer::intValue).sum();
        // Every request of the event, including those recorded before a refused answer (a 503
        // after the RECEIVED write): the stock check must see all of them.
        List<RequestTableReads.Row> rows = RequestTableReads.rowsOfEvent(stack, eventId);
        Map<RequestStatus, Integer> all = RequestTableReads.countByStatus(RequestTableReads.statusById(rows));
        int succeeded = all.getOrDefault(RequestStatus.SUCCEEDED, 0);
        int rejected = all.getOrDefault(RequestStatus.REJECTED, 0);
        int failedFinal = all.getOrDefault(RequestStatus.FAILED_FINAL, 0);
        int remaining = events.find(eventId).orElseThrow().remaining();
        int oversold = Math.max(0, succeeded - (options.capacity() - remaining));
        Fairness fairness = Fairness.of(rows, options.capacity());
        DecisionTimes decisions = DecisionTimes.of(rows);
        Latencies latencies = ingest.latencies();
        DemoSummary summary = new DemoSummary(eventId, options.users(), options.capacity(), submissions.size(),
                ingest.accepted().size(), ingest.duplicates(), ingest.refusedCount(), ingest.neverAccepted(), succeeded,
                rejected, failedFinal, remaining, lost, oversold, fairness.fairness(), fairness.worstWinnerRank(),
                submissions.size() / ingest.seconds(), latencies.percentileMs(50), latencies.percentileMs(95),
                latencies.percentileMs(99), drainSeconds, Map.of())
                .with("decisionP50Ms", DemoSummary.round(decisions.p50Ms()))
                .with("decisionP95Ms", DemoSummary.round(decisions.p95Ms()))
                .with("decisionP99Ms", DemoSummary.round(decisions.p99Ms()))
                .with("grantsPerSecond", DemoSummary.round(decisions.grantsPerSecond()))
                .with("retries", ingest.retries());
        if (!ingest.refused().isEmpty()) {
            summary = summary.with("refusedByStatus", ingest.refused());
        }
        if (options.chaos() > 0) {
            summary = summary.with("faultsInjected", Faults.total())
                    .with("faults", Faults.injected())
                    .with("redriven", recovery.redriven())
                    .with("reconciled", recovery.reconciled())
                    .with("dlqRemaining", dlqDepth());
        }
        if (!stack.streamPipes().isEmpty()) {
            lakeAnswers = new DemoLake(stack, console).await(eventId, succeeded + rejected + failedFinal);
            summary = lakeAnswers.addTo(summary);
        }
        return summary;
    }

    /** The analytics answers for the demo's event, once {@link #run} has waited for them; empty without a lake. */
    public Optional<AnalyticsReport> analytics() {
        return Optional.ofNullable(lakeAnswers).map(DemoLake.Answers::report);
    }

    /** Every user once, plus duplicates of random users, in random order. */
    private static List<String> submissions(DemoOptions options) {
        Random random = new Random(42);
        List<String> users = IntStream.range(0, options.users()).mapToObj(i -> "demo-user-" + i).toList();
        List<String> all = new ArrayList<>(users);
        int extra = (int) Math.round(options.users() * options.duplicates());
        for (int i = 0; i < extra; i++) {
            all.add(users.get(random.nextInt(users.size())));
        }
        Collections.shuffle(all, random);
        return all;
    }

    private Map<String, String> tokens(int users) {
        LocalIssuer issuer = stack.issuer().orElseThrow(() -> new IllegalStateException("the API has no authorizer"));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        IntStream.range(0, users).parallel()
                .forEach(i -> tokens.put("demo-user-" + i, issuer.token("demo-user-" + i, Duration.ofHours(1))));
        return tokens;
    }

    /**
     * What the participants saw.
     *
     * @param neverAccepted users none of whose submissions was answered 200 or 202, retries included
     * @param refused       submissions whose last answer was not 200 or 202 (or that had none), by status
     *                      ("none" for no answer)
     */
    private record Ingest(List<String> accepted, int duplicates, int neverAccepted, Map<String, Long> refused,
                          long retries, Latencies latencies, double seconds) {

        int refusedCount() {
            return (int) refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Every submission, sent as a participant's client sends it: a 409, 429 or 503 is tried again
     * after its Retry-After, within the bounds of {@link RetryPolicy#participant()}.
     */
    private Ingest ingest(String eventId, List<String> submissions, Map<String, String> tokens, int concurrency)
            throws InterruptedException {
        URI endpoint = stack.apiEndpoint().orElseThrow().resolve("/events/" + eventId + "/participations");
        Map<String, String> requestOfUser = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(console, "ingest", submissions.size());
        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(REQUEST_TIMEOUT)) {
            result = load.run(submissions.size(), concurrency, INGEST_LIMIT, RetryPolicy.participant(),
                    i -> HttpRequest.newBuilder(endpoint)
                            .header("Authorization", "Bearer " + tokens.get(submissions.get(i)))
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> {
                        String requestId = status == 200 || status == 202 ? requestIdOf(body) : null;
                        if (requestId != null) {
                            accepted.add(requestId);
                            String first = requestOfUser.putIfAbsent(submissions.get(i), requestId);
                            if (first != null && first.equals(requestId)) {
                                duplicates.incrementAndGet();
                            }
                        }
                        progress.show(done.incrementAndGet());
                    });
        }
        progress.finish(done.get());
        Map<String, Long> refused = new TreeMap<>();
        result.statuses().forEach((status, count) -> {
            if (status != 200 && status != 202) {
                refused.put(Integer.toString(status), count);
            }
        });
        if (result.failures() > 0) {
            refused.put("none", result.failures());
        }
        int users = (int) submissions.stream().distinct().count();
        return new Ingest(List.copyOf(accepted), duplicates.get(), users - requestOfUser.size(), refused,
                result.retries(), result.latencies(), result.seconds());
    }

    private static String requestIdOf(String body) {
        try {
            return JSON.readTree(body).path("requestId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** How the requests ended, and what recovering them took. */
    private record Recovery(Map<RequestStatus, Integer> finals, long redriven, long reconciled) {
    }

    /**
     * After a chaotic ingest: run the reconciler and redrive the DLQ (discarding the poison) in
     * rounds until every accepted request is decided and the DLQ is empty, or time is up.
     */
    private Recovery recover(List<String> accepted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long redriven = 0;
        long reconciled = 0;
        Map<RequestStatus, Integer> finals;
        while (true) {
            finals = awaitFinal(accepted, RECOVERY_ROUND, true);
            boolean decided = finals.getOrDefault(RequestStatus.SUCCEEDED, 0)
                    + finals.getOrDefault(RequestStatus.REJECTED, 0) == accepted.size();
            if ((decided && dlqDepth() == 0) || System.nanoTime() > deadline) {
                break;
            }
            JsonNode reconcile = invoke(stack.model().schedules().get(0).functionId(), scheduledEvent());
            reconciled += reconcile.path("requeued").asLong() + reconcile.path("gaveUp").asLong();
            JsonNode redrive = invoke(redriveFunction(),
                    "{\"maxMessages\":1000,\"discardUnreadable\":true,\"reason\":\"demo recovery\"}");
            redriven += redrive.path("redriven").asLong();
        }
        console.println();
        return new Recovery(finals, redriven, reconciled);
    }

    private JsonNode invoke(String function, String payload) {
        Invocation invocation = stack.invoke(function, payload);
        try {
            return invocation.succeeded() ? JSON.readTree(invocation.payload()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private String redriveFunction() {
        return stack.model().functionWithHandler("com.rushgate.redrive.RedriveHandler").logicalId();
    }

    private static String scheduledEvent() {
        return "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"" + Instant.now() + "\",\"resources\":[],\"detail\":{}}";
    }

    private void requireFaultInjection() {
        if (!stack.options().faultInjection()) {
            throw new IllegalStateException("chaos needs a stack started with fault injection");
        }
    }

    private String workQueue() {
        return stack.model().functionVariable("QUEUE_URL");
    }

    /** Messages no worker can read: they must go to the DLQ and block nothing. */
    private void poison(int count) {
        for (int i = 0; i < count; i++) {
            String body = i % 2 == 0 ? "poison #" + i + ": not JSON" : "{\"v\":1,\"requestId\":\"rq_not-a-request\"}";
            stack.clients().sqs().sendMessage(s -> s.queueUrl(workQueue()).messageBody(body));
        }
        Faults.count(Faults.POISON, count);
    }

    private long dlqDepth() {
        Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(g -> g
                .queueUrl(stack.model().functionVariable("DLQ_URL"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * Polls the RequestTable until every request is final (decided, if {@code decidedOnly}) or the
     * time is up; counts the statuses of final ones.
     */
    private Map<RequestStatus, Integer> awaitFinal(List<String> requestIds, Duration timeout, boolean quiet)
            throws InterruptedException {
        DynamoDbClient dynamoDb = stack.clients().dynamoDb();
        String table = stack.model().functionVariable("REQUEST_TABLE");
        Progress progress = quiet ? null : new Progress(console, "decided", requestIds.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, RequestStatus> statuses = new HashMap<>();
        List<String> pending = new ArrayList<>(requestIds);
        while (true) {
            for (int from = 0; from < pending.size(); from += BATCH_GET) {
                statuses.putAll(read(dynamoDb, table, pending.subList(from, Math.min(pending.size(), from + BATCH_GET))));
            }
            List<String> stillPending = new ArrayList<>();
            for (String id : pending) {
                RequestStatus status = statuses.get(id);
                if (status == null || !status.isFinal() || (quiet && !status.isDecided())) {
                    stillPending.add(id);
                }
            }
            pending = stillPending;
            if (progress != null) {
                progress.show(requestIds.size() - pending.size());
            } else {
                console.printf("recovery: %d of %d decided, DLQ %d%n", requestIds.size() - pending.size(),
                        requestIds.size(), dlqDepth());
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        if (progress != null) {
            progress.finish(requestIds.size() - pending.size());
        }
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        statuses.values().stream().filter(RequestStatus::isFinal).forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private static Map<String, RequestStatus> read(DynamoDbClient dynamoDb, String table, List<String> ids) {
        Map<String, RequestStatus> found = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(ids.stream().map(id -> Map.of("requestId", AttributeValue.fromS(id))).toList())
                .projectionExpression("requestId, #s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .consistentRead(true)
                .build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> keys = request;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(keys));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get("requestId").s(), RequestStatus.valueOf(item.get("status").s()));
            }
            request = response.unprocessedKeys();
        }
        return found;
    }
}
