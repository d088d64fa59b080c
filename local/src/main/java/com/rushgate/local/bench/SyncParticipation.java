package com.rushgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.Participation;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkItem;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.WorkOutcome;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The design Rushgate replaces, for the benchmark only (it never ships in a function): the
 * participation is decided inside the HTTP request and answered only when decided. It runs the
 * same use cases on the same tables as Ingest and the worker, one after the other, without the
 * queue: record the request (conditional put, then the QUEUED update Ingest makes), claim it,
 * and take the stock in the same TransactWriteItems the worker uses. That is four writes on the
 * request path, as many as Ingest's (two idempotency writes, the put, the update, plus its SQS
 * send) — the difference is that every request waits for the hot stock counter.
 *
 * <p>It is invoked like a function, with the same concurrency limit as the Ingest pool: a request
 * that finds every "environment" busy waits up to the same time and is then throttled (429). A
 * transaction that conflicts is retried inline up to three times, as a synchronous server would,
 * then answered 503.
 */
final class SyncParticipation implements Invoker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final ParticipateUseCase participate;
    private final ProcessRequestUseCase decide;
    private final DynamoRequestStore requests;
    private final Semaphore environments;
    private final Duration maxWait;
    private final AtomicLong retries = new AtomicLong();
    private final DecisionOfThisThread decisions = new DecisionOfThisThread();

    SyncParticipation(DynamoDbClient dynamoDb, String requestTable, String eventTable, byte[] userKeySecret,
                      Duration eventCacheTtl, int concurrency, Duration maxWait) {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        this.requests = new DynamoRequestStore(dynamoDb, requestTable);
        CachedEventCatalog events = new CachedEventCatalog(new DynamoEventCatalog(dynamoDb, eventTable), clock,
                eventCacheTtl);
        // No queue in this design: the "send" is the inline decision below.
        this.participate = new ParticipateUseCase(events, requests, message -> { }, new Sha256RequestIds(),
                new HmacUserKeys(userKeySecret), clock, BusinessMetrics.NONE);
        this.decide = new ProcessRequestUseCase(requests, events, new DynamoStockAllocator(dynamoDb, eventTable,
                requestTable), new NoDeadLetters(), new DecisionRules(), new WorkerPolicy(Duration.ofSeconds(30), ATTEMPTS),
                clock, decisions);
        this.environments = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
    }

    /** Transactions retried inline after a conflict. */
    long retries() {
        return retries.get();
    }

    @Override
    public Invocation invoke(byte[] payload) {
        long started = System.nanoTime();
        try {
            if (!environments.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Invocation(("{\"errorType\":\"" + Invocation.THROTTLED + "\"}").getBytes(StandardCharsets.UTF_8),
                        Invocation.THROTTLED, false, Duration.ZERO);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            byte[] response = JSON.writeValueAsBytes(handle(JSON.readTree(payload)));
            return new Invocation(response, null, false, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            environments.release();
        }
    }

    private ObjectNode handle(JsonNode event) {
        ParticipateCommand command;
        Participation participation;
        try {
            command = new ParticipateCommand(event.at("/pathParameters/eventId").asText(null),
                    event.at("/requestContext/authorizer/claims/sub").asText(null), null);
            participation = participate.participate(command);
        } catch (ClientException e) {
            return answer(e.code().httpStatus(), e.code().name(), null);
        } catch (RetryableException e) {
            return answer(503, "SERVICE_UNAVAILABLE", null);
        }
        if (!participation.created()) {
            Optional<ParticipationRequest> current = requests.find(participation.requestId());
            RequestStatus status = current.map(ParticipationRequest::status).orElse(RequestStatus.RECEIVED);
            return status.isFinal() ? answer(200, status.name(), participation) : answer(409, "IN_PROGRESS", participation);
        }
        WorkMessage message = new WorkMessage(participation.requestId(), command.eventId(), Instant.now());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            decisions.clear();
            WorkOutcome outcome = decide.process(WorkItem.readable("inline", WorkMessages.encode(message), message, attempt));
            if (outcome != WorkOutcome.RETRY_LATER) {
                RequestStatus status = decisions.last().orElseGet(
                        () -> requests.find(participation.requestId()).orElseThrow().status());
                return status.isDecided() ? answer(200, status.name(), participation) : answer(503, status.name(), participation);
            }
            retries.incrementAndGet();
        }
        return answer(503, "CONFLICT", participation);
    }

    private static ObjectNode answer(int status, String outcome, Participation participation) {
        ObjectNode body = JSON.createObjectNode();
        if (participation != null) {
            body.put("requestId", participation.requestId().value());
        }
        body.put(status == 200 ? "status" : "error", outcome);
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", status);
        response.putObject("headers").put("Content-Type", "application/json");
        response.put("body", body.toString());
        return response;
    }

    /** What the use case decided on this thread, seen through its metrics port: no read-back needed. */
    private static final class DecisionOfThisThread implements BusinessMetrics {

        private final ThreadLocal<RequestStatus> last = new ThreadLocal<>();

        void clear() {
            last.remove();
        }

        Optional<RequestStatus> last() {
            return Optional.ofNullable(last.get());
        }

        @Override
        public void accepted() {
        }

        @Override
        public void duplicate() {
        }

        @Override
        public void succeeded(Duration latency) {
            last.set(RequestStatus.SUCCEEDED);
        }

        @Override
        public void rejected(Duration latency) {
            last.set(RequestStatus.REJECTED);
        }

        @Override
        public void failedFinal() {
            last.set(RequestStatus.FAILED_FINAL);
        }

        @Override
        public void retried() {
        }

        @Override
        public void deadLettered() {
        }

        @Override
        public void redriven() {
        }

        @Override
        public void requeued() {
        }

        @Override
        public void gaveUp() {
        }
    }

    /** There is no DLQ in the synchronous design: a final failure is the answer itself. */
    private static final class NoDeadLetters implements DeadLetters {
        @Override
        public void send(DeadLetter letter) {
            // The request is already FAILED_FINAL; the client gets a 503 for it.
        }
    }
}
