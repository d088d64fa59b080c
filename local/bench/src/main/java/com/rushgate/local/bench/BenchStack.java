package com.rushgate.local.bench;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.Participation;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel.SqsTrigger;
import com.rushgate.local.triggers.SqsPoller;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The running stack as the bench's sections use it: the participants' tokens and requests, fresh
 * FCFS events, participations recorded without HTTP, the worker's poller, the work queue.
 */
final class BenchStack {

    private final LocalStack stack;
    private final PrintStream console;
    private String[] tokens = new String[0];

    BenchStack(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    LocalStack stack() {
        return stack;
    }

    /** ID tokens for {@code users} participants, "bench-user-0" onwards; every section's requests use them. */
    void mintTokens(int users) {
        console.printf("minting %,d ID tokens...%n", users);
        LocalIssuer issuer = stack.issuer().orElseThrow(() -> new IllegalStateException("the API has no authorizer"));
        String[] minted = new String[users];
        IntStream.range(0, users).parallel().forEach(i -> minted[i] = issuer.token("bench-user-" + i, Duration.ofHours(2)));
        tokens = minted;
    }

    /** A participation of participant {@code user} (modulo the tokens minted) in the event, at this API. */
    HttpRequest.Builder participation(URI endpoint, String eventId, int user) {
        if (tokens.length == 0) {
            throw new IllegalStateException("no ID tokens minted");
        }
        return HttpRequest.newBuilder(endpoint.resolve("/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + tokens[user % tokens.length])
                .header("User-Agent", "rushgate-bench")
                .POST(HttpRequest.BodyPublishers.ofString("", StandardCharsets.UTF_8));
    }

    /** The stack's API. */
    URI apiEndpoint() {
        return stack.apiEndpoint().orElseThrow();
    }

    /** A new FCFS event, open since a second ago, with this stock; its id starts with {@code prefix}. */
    String event(String prefix, int capacity) {
        String eventId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        new DynamoEventCatalog(stack.clients().dynamoDb(), variable("EVENT_TABLE"))
                .create(Event.create(eventId, EventType.FCFS, capacity, Instant.now().minusSeconds(1), null));
        return eventId;
    }

    /** Records and queues one participation per user, as Ingest would; their requestIds, in order. */
    List<String> participate(String eventId, List<String> users) throws InterruptedException {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        ParticipateUseCase participate = new ParticipateUseCase(
                new CachedEventCatalog(new DynamoEventCatalog(stack.clients().dynamoDb(), variable("EVENT_TABLE")),
                        clock, Duration.ofSeconds(5)),
                new DynamoRequestStore(stack.clients().dynamoDb(), variable("REQUEST_TABLE"),
                        Integer.parseInt(variable("ARRIVAL_SHARDS"))),
                new SqsWorkQueue(stack.clients().sqs(), variable("QUEUE_URL")), new Sha256RequestIds(),
                new HmacUserKeys(new byte[32]), clock, BusinessMetrics.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Participation>> calls = new ArrayList<>();
            for (String user : users) {
                calls.add(pool.submit(() -> participate.participate(new ParticipateCommand(eventId, user, null))));
            }
            List<String> requestIds = new ArrayList<>();
            for (Future<Participation> call : calls) {
                requestIds.add(call.get().requestId().value());
            }
            return requestIds;
        } catch (ExecutionException e) {
            throw new IllegalStateException("recording participations failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The template's worker trigger. */
    SqsTrigger defaultTrigger() {
        return stack.model().sqsTriggers().get(0);
    }

    /** A worker polling the work queue with the template's settings; it runs until closed. */
    SqsPoller defaultPoller() {
        return poller(defaultTrigger().batchSize(), defaultTrigger().maximumConcurrency());
    }

    /** A worker polling the work queue with these settings; it runs until closed. */
    SqsPoller poller(int batchSize, int maximumConcurrency) {
        SqsTrigger template = defaultTrigger();
        SqsTrigger trigger = new SqsTrigger(template.functionId(), "Bench", template.queueLogicalId(), batchSize, 0,
                maximumConcurrency, template.reportBatchItemFailures(), true);
        return new SqsPoller(trigger, stack.model().queue(template.queueLogicalId()), stack.function(template.functionId()),
                stack.clients().sqs(), stack.options().region(), stack.lambdaQuotas().orElse(null));
    }

    /** Drops every message of the work queue: what a section leaves queued must not feed the next. */
    void purgeWorkQueue() {
        stack.clients().sqs().purgeQueue(p -> p.queueUrl(variable("QUEUE_URL")));
    }

    /** Waits until the work queue holds no message, visible or in flight, or {@code limit} has passed. */
    void awaitEmptyQueue(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(g -> g
                    .queueUrl(variable("QUEUE_URL"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) == 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** An environment variable as the template gives it to its functions (which table, which queue). */
    String variable(String name) {
        return stack.model().functionVariable(name);
    }
}
