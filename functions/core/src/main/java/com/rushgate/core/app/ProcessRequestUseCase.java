package com.rushgate.core.app;

import com.rushgate.core.app.OrderedAllocation.Outcome;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.Decision;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's decision for one delivery.
 *
 * <p>A request of an FCFS event with stock left is served in arrival order by
 * {@link OrderedAllocation}: the delivery makes sure the event's line is served and waits for its
 * request's turn, without claiming it. Everything else (rejections by the rules, sold out, raffle
 * entries, errors) is claimed, decided and finalised by the delivery itself.
 *
 * <p>Failures are sorted here, once: retryable ones are retried inline, then leave the message for
 * another delivery soon (and on the last allowed delivery mark the request FAILED_FINAL first, so
 * the request and the DLQ agree); final ones mark FAILED_FINAL and move the message to the DLQ at
 * once. Waiting for one's turn is not a failure: on the last allowed delivery the message is sent
 * again as a new one, and the request keeps its place.
 */
public final class ProcessRequestUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRequestUseCase.class);

    private final RequestStore requests;
    private final EventCatalog events;
    private final OrderedAllocation allocation;
    private final WorkQueue queue;
    private final DeadLetters deadLetters;
    private final DecisionRules rules;
    private final WorkerPolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public ProcessRequestUseCase(RequestStore requests, EventCatalog events, OrderedAllocation allocation,
                                 WorkQueue queue, DeadLetters deadLetters, DecisionRules rules, WorkerPolicy policy,
                                 Clock clock, BusinessMetrics metrics) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.events = Objects.requireNonNull(events, "events");
        this.allocation = Objects.requireNonNull(allocation, "allocation");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Never throws for a retryable or final failure: the outcome says what to do with the message. */
    public WorkOutcome process(WorkItem item) {
        return process(item, allocation.policy().maxWait());
    }

    /**
     * As {@link #process(WorkItem)}, done within {@code budget}: the time left in the invocation, so a
     * delivery that waits for its turn gives its message back before the function times out.
     */
    public WorkOutcome process(WorkItem item, Duration budget) {
        Instant deadline = clock.instant().plus(min(budget, allocation.policy().maxWait()));
        if (item.message() == null) {
            return deadLetter(item, DeadLetter.UNREADABLE_MESSAGE, item.parseError());
        }
        Optional<Event> event;
        try {
            event = events.find(item.message().eventId());
        } catch (RetryableException e) {
            return retryUnclaimed(item, e);
        } catch (MalformedItemException e) {
            return claimAndFail(item, FailureReason.MALFORMED_EVENT, e.getMessage());
        }
        boolean soldOut = false;
        // A cached event's stock may be older than a restock: the allocator reads the stock itself
        // (or remembers a sell-out for the requests accepted before it was seen).
        if (event.isPresent() && event.get().type() == EventType.FCFS) {
            Optional<WorkOutcome> inOrder;
            try {
                inOrder = serveInOrder(item, event.get(), deadline);
            } catch (RetryableException e) {
                return retryUnclaimed(item, e);
            }
            if (inOrder.isPresent()) {
                return inOrder.get();
            }
            soldOut = true;
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
            if (nothingToDo(notClaimable.current())) {
                return WorkOutcome.ALREADY_DECIDED;
            }
            LOG.info("request {} is held by another worker until {}; retrying later",
                    item.message().requestId(), notClaimable.current().leaseExpiresAt());
            metrics.retried();
            return WorkOutcome.RETRY_LATER;
        }
        ParticipationRequest claimed = ((ClaimResult.Claimed) claim).request();
        try {
            return decide(item, claimed, event, soldOut);
        } catch (RetryableException e) {
            return retryClaimed(item, claimed, e);
        }
    }

    /**
     * FCFS with stock left: the request is decided in its turn. Empty when the delivery must claim
     * and decide it itself: sold out, refused by the rules, or a message that does not fit its
     * request (which the claim path fails).
     */
    private Optional<WorkOutcome> serveInOrder(WorkItem item, Event event, Instant deadline) {
        Optional<ParticipationRequest> found = requests.find(item.message().requestId());
        if (found.isEmpty() || !found.get().eventId().equals(event.eventId())) {
            return Optional.empty();
        }
        ParticipationRequest request = found.get();
        if (request.status().isDecided()) {
            return Optional.of(WorkOutcome.ALREADY_DECIDED);
        }
        if (!(rules.decide(event, request) instanceof Decision.AllocateStock)) {
            return Optional.empty();
        }
        Outcome outcome = allocation.serve(event, request, deadline);
        return switch (outcome) {
            case GRANTED -> Optional.of(WorkOutcome.DECIDED);
            case DECIDED_ELSEWHERE -> Optional.of(WorkOutcome.ALREADY_DECIDED);
            case SOLD_OUT -> Optional.empty();
            case PENDING -> Optional.of(waitLonger(item, request));
        };
    }

    /** Not its turn yet: the message comes back soon, and on its last delivery as a new message. */
    private WorkOutcome waitLonger(WorkItem item, ParticipationRequest request) {
        metrics.retried();
        if (!isLastDelivery(item)) {
            return WorkOutcome.RETRY_LATER;
        }
        try {
            queue.send(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
            LOG.info("request {} still waits for its turn; its message was sent again", request.requestId());
            return WorkOutcome.SENT_AGAIN;
        } catch (RetryableException e) {
            LOG.warn("could not send request {} again: {}", request.requestId(), e.getMessage());
            return WorkOutcome.RETRY_LATER;
        }
    }

    private WorkOutcome decide(WorkItem item, ParticipationRequest claimed, Optional<Event> event, boolean soldOut) {
        if (!claimed.eventId().equals(item.message().eventId())) {
            return failAndDeadLetter(item, claimed, FailureReason.INVALID_MESSAGE,
                    "message names event " + item.message().eventId() + " but the request is for " + claimed.eventId());
        }
        if (event.isEmpty()) {
            return failAndDeadLetter(item, claimed, FailureReason.UNKNOWN_EVENT, "no event " + claimed.eventId());
        }
        Decision decision = rules.decide(event.get(), claimed);
        if (decision instanceof Decision.Reject reject) {
            return reject(claimed, reject.reason());
        }
        if (decision instanceof Decision.EnterRaffle) {
            return enter(claimed, event.get());
        }
        if (soldOut || event.get().remaining() == 0) {
            // Units are granted in arrival order only; none left means this request's turn never comes.
            return reject(claimed, RejectReason.SOLD_OUT);
        }
        // Stock appeared between the two reads (a restock): its turn is served by the allocator.
        requests.release(claimed, clock.instant());
        return WorkOutcome.RETRY_LATER;
    }

    /**
     * Records a raffle entry, due to be drawn once the raffle closed and the settle window passed.
     * An entry that reaches a worker after that moment (a late redrive) is judged on the event as the
     * table holds it now, not as cached: once the draw has run, it is not in it. The draw itself
     * refuses to run while this request is PROCESSING, so the two cannot cross.
     */
    private WorkOutcome enter(ParticipationRequest claimed, Event raffle) {
        Instant now = clock.instant();
        Instant drawAt = raffle.closesAt().plus(allocation.policy().settle());
        if (!now.isBefore(drawAt)) {
            Optional<Event> latest = events.findLatest(raffle.eventId());
            if (latest.isPresent() && latest.get().drawn()) {
                return reject(claimed, RejectReason.EXCLUDED_FROM_DRAW);
            }
        }
        return requests.enter(claimed, drawAt, now) ? WorkOutcome.DECIDED : WorkOutcome.SUPERSEDED;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private WorkOutcome reject(ParticipationRequest claimed, RejectReason reason) {
        Instant now = clock.instant();
        if (!requests.reject(claimed, reason, now)) {
            return WorkOutcome.SUPERSEDED;
        }
        metrics.rejected(Duration.between(claimed.acceptedAt(), now));
        return WorkOutcome.DECIDED;
    }

    /** A final error found before the claim: claim the request so that it can be failed and dead-lettered. */
    private WorkOutcome claimAndFail(WorkItem item, FailureReason reason, String detail) {
        ClaimResult claim;
        try {
            Instant now = clock.instant();
            claim = requests.claim(item.message().requestId(), now, now.plus(policy.lease()));
        } catch (RetryableException e) {
            return retryUnclaimed(item, e);
        }
        if (claim instanceof ClaimResult.Claimed claimed) {
            try {
                return failAndDeadLetter(item, claimed.request(), reason, detail);
            } catch (RetryableException e) {
                return retryClaimed(item, claimed.request(), e);
            }
        }
        if (claim instanceof ClaimResult.NotClaimable notClaimable && nothingToDo(notClaimable.current())) {
            return WorkOutcome.ALREADY_DECIDED;
        }
        if (claim instanceof ClaimResult.Missing) {
            return deadLetter(item, FailureReason.INVALID_MESSAGE.name(), "no request " + item.message().requestId());
        }
        metrics.retried();
        return WorkOutcome.RETRY_LATER;
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

    /** Decided, or a raffle entry waiting for its draw: a late or repeated message changes nothing. */
    private static boolean nothingToDo(ParticipationRequest current) {
        return current.status().isDecided() || current.status() == RequestStatus.ENTERED;
    }

    private boolean isLastDelivery(WorkItem item) {
        return item.receiveCount() >= policy.maxReceiveCount();
    }
}
