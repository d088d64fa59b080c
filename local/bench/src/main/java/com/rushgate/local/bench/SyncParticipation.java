package com.rushgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.Participation;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.domain.Decision;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The design Rushgate replaces, for the benchmark only (it never ships in a function): the
 * participation is decided inside the HTTP request and answered only when decided, each request
 * racing for the stock. It records the request with the same use case and table as Ingest
 * (conditional put, then the QUEUED update), claims it, and takes a unit in a TransactWriteItems of
 * the event's stock and the request ({@link DynamoStockAllocator}): every request waits for the hot
 * stock counter, and whichever transaction commits first wins, not whoever came first.
 *
 * <p>It is invoked like a function, with the same concurrency limit as the Ingest pool: a request
 * that finds every "environment" busy waits up to the same time and is then throttled (429). A
 * transaction that conflicts is retried inline up to three times, as a synchronous server would,
 * then answered 503.
 */
final class SyncParticipation implements Invoker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ParticipateUseCase participate;
    private final DynamoRequestStore requests;
    private final CachedEventCatalog events;
    private final StockAllocator stock;
    private final DecisionRules rules = new DecisionRules();
    private final Semaphore environments;
    private final Duration maxWait;
    private final AtomicLong retries = new AtomicLong();

    SyncParticipation(DynamoDbClient dynamoDb, String requestTable, int arrivalShards, String eventTable,
                      byte[] userKeySecret, Duration eventCacheTtl, int concurrency, Duration maxWait) {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        this.requests = new DynamoRequestStore(dynamoDb, requestTable, arrivalShards);
        this.events = new CachedEventCatalog(new DynamoEventCatalog(dynamoDb, eventTable), clock, eventCacheTtl);
        // No queue in this design: the "send" is the inline decision below.
        this.participate = new ParticipateUseCase(events, requests, new InlineDecision(), new Sha256RequestIds(),
                new HmacUserKeys(userKeySecret), clock, BusinessMetrics.NONE);
        this.stock = new DynamoStockAllocator(dynamoDb, eventTable, requestTable);
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
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                RequestStatus status = decide(participation.requestId(), command.eventId());
                return status.isDecided() ? answer(200, status.name(), participation) : answer(503, status.name(), participation);
            } catch (RetryableException e) {
                retries.incrementAndGet();
            }
        }
        return answer(503, "CONFLICT", participation);
    }

    /** Claim, then race for a unit: the first transaction to commit wins it. */
    private RequestStatus decide(RequestId requestId, String eventId) {
        Instant now = Instant.now();
        ClaimResult claim = requests.claim(requestId, now, now.plus(LEASE));
        if (!(claim instanceof ClaimResult.Claimed claimed)) {
            return requests.find(requestId).map(ParticipationRequest::status).orElse(RequestStatus.FAILED_FINAL);
        }
        ParticipationRequest request = claimed.request();
        Event event = events.find(eventId).orElseThrow(() -> new IllegalStateException("no event " + eventId));
        Decision decision = rules.decide(event, request);
        if (decision instanceof Decision.Reject reject) {
            requests.reject(request, reject.reason(), Instant.now());
            return RequestStatus.REJECTED;
        }
        try {
            return switch (stock.allocate(request, Instant.now())) {
                case ALLOCATED -> RequestStatus.SUCCEEDED;
                case SOLD_OUT -> {
                    requests.reject(request, RejectReason.SOLD_OUT, Instant.now());
                    yield RequestStatus.REJECTED;
                }
                case SUPERSEDED -> requests.find(requestId).orElseThrow().status();
            };
        } catch (RetryableException e) {
            requests.release(request, Instant.now());
            throw e;
        }
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

    /** The baseline's "queue": the decision follows inline, so sending is nothing, and it runs no raffle. */
    private static final class InlineDecision implements WorkQueue {
        @Override
        public void send(WorkMessage message) {
            // Decided inline by the caller.
        }

        @Override
        public void sendDecisions(List<DrawDecisions> chunks) {
            throw new IllegalStateException("the synchronous baseline draws no raffles");
        }
    }
}
