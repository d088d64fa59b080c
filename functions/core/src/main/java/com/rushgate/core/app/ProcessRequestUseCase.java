package com.rushgate.core.app;

import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.domain.Decision;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's decision for one delivery: claim, decide, finalise.
 *
 * <p>Failures are sorted here, once: retryable ones leave the message for another delivery (and on
 * the last allowed delivery mark the request FAILED_FINAL first, so the request and the DLQ agree);
 * final ones mark FAILED_FINAL and move the message to the DLQ at once.
 */
public final class ProcessRequestUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRequestUseCase.class);

    private final RequestStore requests;
    private final EventCatalog events;
    private final StockAllocator stock;
    private final DeadLetters deadLetters;
    private final DecisionRules rules;
    private final WorkerPolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;
    /**
     * Events this container has seen sold out. Stock only ever goes down (the transaction is the
     * only writer of remaining, and it decrements), so once sold out an event stays sold out: later
     * requests for it are rejected without the transaction, which would touch the event's hot item
     * only to fail. Bounded: forgetting costs one failed transaction, never a wrong decision.
     */
    private final Set<String> soldOut = ConcurrentHashMap.newKeySet();
    private static final int SOLD_OUT_MEMORY = 10_000;

    public ProcessRequestUseCase(RequestStore requests, EventCatalog events, StockAllocator stock,
                                 DeadLetters deadLetters, DecisionRules rules, WorkerPolicy policy, Clock clock,
                                 BusinessMetrics metrics) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.events = Objects.requireNonNull(events, "events");
        this.stock = Objects.requireNonNull(stock, "stock");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Never throws for a retryable or final failure: the outcome says what to do with the message. */
    public WorkOutcome process(WorkItem item) {
        if (item.message() == null) {
            return deadLetter(item, DeadLetter.UNREADABLE_MESSAGE, item.parseError());
        }
        ClaimResult claim;
        try {
            Instant now = clock.instant();
            claim = requests.claim(item.message().requestId(), now, now.plus(policy.lease()));
        } catch (RetryableException e) {
            return retryUnclaimed(item, e);
        }
        if (claim instanceof ClaimResult.Missing) {
            return deadLetter(item, FailureReason.INVALID_MESSAGE.name(),
                    "no request " + item.message().requestId());
        }
        if (claim instanceof ClaimResult.NotClaimable notClaimable) {
            if (notClaimable.current().status().isDecided()) {
                return WorkOutcome.ALREADY_DECIDED;
            }
            LOG.info("request {} is held by another worker until {}; retrying later",
                    item.message().requestId(), notClaimable.current().leaseExpiresAt());
            metrics.retried();
            return WorkOutcome.RETRY_LATER;
        }
        ParticipationRequest claimed = ((ClaimResult.Claimed) claim).request();
        try {
            return decide(item, claimed);
        } catch (RetryableException e) {
            return retryClaimed(item, claimed, e);
        }
    }

    private WorkOutcome decide(WorkItem item, ParticipationRequest claimed) {
        if (!claimed.eventId().equals(item.message().eventId())) {
            return failAndDeadLetter(item, claimed, FailureReason.INVALID_MESSAGE,
                    "message names event " + item.message().eventId() + " but the request is for " + claimed.eventId());
        }
        Optional<Event> event = events.find(claimed.eventId());
        if (event.isEmpty()) {
            return failAndDeadLetter(item, claimed, FailureReason.UNKNOWN_EVENT, "no event " + claimed.eventId());
        }
        Decision decision = rules.decide(event.get(), claimed);
        if (decision instanceof Decision.Reject reject) {
            return reject(claimed, reject.reason());
        }
        if (decision instanceof Decision.EnterRaffle) {
            Instant now = clock.instant();
            if (!requests.succeed(claimed, now)) {
                return WorkOutcome.SUPERSEDED;
            }
            metrics.succeeded(Duration.between(claimed.acceptedAt(), now));
            return WorkOutcome.DECIDED;
        }
        if (event.get().remaining() == 0 || soldOut.contains(claimed.eventId())) {
            return reject(claimed, RejectReason.SOLD_OUT);
        }
        Instant now = clock.instant();
        return switch (stock.allocate(claimed, now)) {
            case ALLOCATED -> {
                metrics.succeeded(Duration.between(claimed.acceptedAt(), now));
                yield WorkOutcome.DECIDED;
            }
            case SOLD_OUT -> {
                rememberSoldOut(claimed.eventId());
                yield reject(claimed, RejectReason.SOLD_OUT);
            }
            case SUPERSEDED -> WorkOutcome.SUPERSEDED;
        };
    }

    private void rememberSoldOut(String eventId) {
        if (soldOut.size() >= SOLD_OUT_MEMORY) {
            soldOut.clear();
        }
        soldOut.add(eventId);
    }

    private WorkOutcome reject(ParticipationRequest claimed, RejectReason reason) {
        Instant now = clock.instant();
        if (!requests.reject(claimed, reason, now)) {
            return WorkOutcome.SUPERSEDED;
        }
        metrics.rejected(Duration.between(claimed.acceptedAt(), now));
        return WorkOutcome.DECIDED;
    }

    private WorkOutcome failAndDeadLetter(WorkItem item, ParticipationRequest claimed, FailureReason reason,
                                          String detail) {
        if (!requests.fail(claimed, reason, clock.instant())) {
            return WorkOutcome.SUPERSEDED;
        }
        metrics.failedFinal();
        LOG.warn("request {} failed for good: {}", claimed.requestId(), detail);
        return deadLetter(item, reason.name(), detail);
    }

    private WorkOutcome deadLetter(WorkItem item, String errorType, String detail) {
        DeadLetter letter = new DeadLetter(item.body(), item.message(), item.messageId(), errorType, detail,
                clock.instant());
        try {
            deadLetters.send(letter);
        } catch (RetryableException e) {
            // The message stays on the main queue; the next delivery tries again, and SQS's own
            // RedrivePolicy moves it to the DLQ if this keeps failing.
            LOG.warn("could not move message {} to the DLQ: {}", item.messageId(), e.getMessage());
            metrics.retried();
            return WorkOutcome.RETRY_LATER;
        }
        metrics.deadLettered();
        return WorkOutcome.DEAD_LETTERED;
    }

    private WorkOutcome retryUnclaimed(WorkItem item, RetryableException e) {
        if (isLastDelivery(item)) {
            giveUp(item);
        }
        LOG.warn("could not claim request {}: {}", item.message().requestId(), e.getMessage());
        metrics.retried();
        return WorkOutcome.RETRY_LATER;
    }

    private WorkOutcome retryClaimed(WorkItem item, ParticipationRequest claimed, RetryableException e) {
        LOG.warn("retryable failure on request {} (delivery {}): {}", claimed.requestId(), item.receiveCount(),
                e.getMessage());
        metrics.retried();
        try {
            if (isLastDelivery(item)) {
                if (requests.fail(claimed, FailureReason.RETRIES_EXHAUSTED, clock.instant())) {
                    metrics.failedFinal();
                }
            } else {
                requests.release(claimed, clock.instant());
            }
        } catch (RetryableException again) {
            // The lease runs out on its own; the reconciler finalises requests whose retries are gone.
            LOG.warn("could not release request {}: {}", claimed.requestId(), again.getMessage());
        }
        return WorkOutcome.RETRY_LATER;
    }

    private void giveUp(WorkItem item) {
        try {
            if (requests.giveUp(item.message().requestId(), FailureReason.RETRIES_EXHAUSTED, clock.instant())) {
                metrics.failedFinal();
            }
        } catch (RetryableException e) {
            LOG.warn("could not mark request {} FAILED_FINAL: {}", item.message().requestId(), e.getMessage());
        }
    }

    private boolean isLastDelivery(WorkItem item) {
        return item.receiveCount() >= policy.maxReceiveCount();
    }
}
