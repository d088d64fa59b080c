package com.rushgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * A drop on the local stack: an FCFS event, every user's participation over HTTP with their own
 * token plus duplicate submissions, then a wait until every accepted request is final, and the
 * proof: nothing lost, nothing oversold.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_GET = 100;

    private final LocalStack stack;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

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
        URI endpoint = stack.apiEndpoint().orElseThrow().resolve("/events/" + eventId + "/participations");

        Map<String, String> firstRequestId = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long[] latencies = new long[submissions.size()];
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(console, "ingest", submissions.size());

        ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
        long started = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < submissions.size(); i++) {
                int index = i;
                String user = submissions.get(i);
                calls.add(clients.submit(() -> {
                    long sent = System.nanoTime();
                    Answer answer = participate(endpoint, tokens.get(user));
                    latencies[index] = System.nanoTime() - sent;
                    if (answer.status() == 202 || answer.status() == 200) {
                        String previous = firstRequestId.putIfAbsent(user, answer.requestId());
                        if (answer.status() == 202) {
                            accepted.add(answer.requestId());
                        }
                        if (previous != null && previous.equals(answer.requestId())) {
                            duplicates.incrementAndGet();
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                    progress.show(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a participation failed: " + e.getCause(), e.getCause());
        } finally {
            clients.shutdownNow();
        }
        long ingestNanos = System.nanoTime() - started;
        progress.finish(done.get());

        long drainStarted = System.nanoTime();
        Map<RequestStatus, Integer> finals = awaitFinal(List.copyOf(accepted), options.drainTimeout());
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

        int succeeded = finals.getOrDefault(RequestStatus.SUCCEEDED, 0);
        int rejected = finals.getOrDefault(RequestStatus.REJECTED, 0);
        int failedFinal = finals.getOrDefault(RequestStatus.FAILED_FINAL, 0);
        int remaining = events.find(eventId).orElseThrow().remaining();
        int lost = accepted.size() - succeeded - rejected - failedFinal;
        int oversold = Math.max(0, succeeded - (options.capacity() - remaining));
        Arrays.sort(latencies);
        return new DemoSummary(eventId, options.users(), options.capacity(), submissions.size(), accepted.size(),
                duplicates.get(), refused.get(), succeeded, rejected, failedFinal, remaining, lost, oversold,
                submissions.size() / (ingestNanos / 1e9), percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), drainSeconds, Map.of());
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

    private record Answer(int status, String requestId) {
    }

    /** One participation; a 409 IN_PROGRESS or a 503 is retried once after its Retry-After, as a client would. */
    private Answer participate(URI endpoint, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409 || response.statusCode() == 503) {
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
            TimeUnit.SECONDS.sleep(Math.min(wait, 5));
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        String requestId = null;
        if (response.statusCode() == 200 || response.statusCode() == 202) {
            JsonNode body = JSON.readTree(response.body());
            requestId = body.path("requestId").asText(null);
        }
        return new Answer(response.statusCode(), requestId);
    }

    /** Polls the RequestTable until every request is final or the time is up; counts final statuses. */
    private Map<RequestStatus, Integer> awaitFinal(List<String> requestIds, Duration timeout) throws InterruptedException {
        DynamoDbClient dynamoDb = stack.clients().dynamoDb();
        String table = stack.model().functionVariable("REQUEST_TABLE");
        Progress progress = new Progress(console, "decided", requestIds.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, RequestStatus> statuses = new HashMap<>();
        List<String> pending = new ArrayList<>(requestIds);
        while (true) {
            List<String> stillPending = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += BATCH_GET) {
                List<String> chunk = pending.subList(from, Math.min(pending.size(), from + BATCH_GET));
                for (Map.Entry<String, RequestStatus> entry : read(dynamoDb, table, chunk).entrySet()) {
                    statuses.put(entry.getKey(), entry.getValue());
                }
            }
            for (String id : pending) {
                RequestStatus status = statuses.get(id);
                if (status == null || !status.isFinal()) {
                    stillPending.add(id);
                }
            }
            pending = stillPending;
            progress.show(requestIds.size() - pending.size());
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        progress.finish(requestIds.size() - pending.size());
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        statuses.values().stream().filter(RequestStatus::isFinal).forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private static Map<String, RequestStatus> read(DynamoDbClient dynamoDb, String table, List<String> ids) {
        Map<String, RequestStatus> found = new HashMap<>();
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

    static double percentile(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
