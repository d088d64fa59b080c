package com.rushgate.core.app;

import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.InflightRequest;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof that nothing accepted is lost. On a schedule, it looks for requests that no message
 * will ever move again, through the sparse in-flight index (no scans):
 * <ul>
 *   <li>RECEIVED for longer than {@code receivedAfter}: the message was never sent; send it;</li>
 *   <li>QUEUED or PROCESSING (lease expired) unchanged for {@code staleAfter}: the message is gone;
 *       send a new one, or give the request up to the DLQ once its attempts are used.</li>
 * </ul>
 * Every change is a guarded transition, so a worker that moves the request meanwhile wins and the
 * extra message is a harmless duplicate.
 */
public final class ReconcileUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileUseCase.class);

    private final InflightIndex index;
    private final RequestStore requests;
    private final WorkQueue queue;
    private final DeadLetters deadLetters;
    private final ReconcilePolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public ReconcileUseCase(InflightIndex index, RequestStore requests, WorkQueue queue, DeadLetters deadLetters,
                            ReconcilePolicy policy, Clock clock, BusinessMetrics metrics) {
        this.index = Objects.requireNonNull(index, "index");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public ReconcileReport reconcile() {
        Instant now = clock.instant();
        Counts counts = new Counts();
        for (InflightRequest stuck : index.changedBefore(RequestStatus.RECEIVED, now.minus(policy.receivedAfter()),
                policy.maxPerRun())) {
            act(stuck, false, counts);
        }
        for (RequestStatus status : new RequestStatus[] {RequestStatus.QUEUED, RequestStatus.PROCESSING}) {
            for (InflightRequest stuck : index.changedBefore(status, now.minus(policy.staleAfter()), policy.maxPerRun())) {
                if (stuck.leaseLiveAt(clock.instant())) {
                    continue;
                }
                act(stuck, stuck.attempts() >= policy.maxAttempts(), counts);
            }
        }
        ReconcileReport report = new ReconcileReport(counts.examined, counts.requeued, counts.gaveUp, counts.failed);
        if (report.examined() > 0) {
            LOG.info("reconcile: {}", report);
        }
        return report;
    }

    private void act(InflightRequest stuck, boolean attemptsUsed, Counts counts) {
        counts.examined++;
        WorkMessage message = new WorkMessage(stuck.requestId(), stuck.eventId(), stuck.acceptedAt());
        try {
            if (attemptsUsed) {
                // The DLQ message first: a request must never be FAILED_FINAL with nothing to redrive.
                // If the request moves on meanwhile, the redrive finds it decided or in flight and
                // drops the copy.
                deadLetters.send(new DeadLetter(null, message, "reconcile", FailureReason.ATTEMPTS_EXHAUSTED.name(),
                        stuck.attempts() + " attempts without a decision", clock.instant()));
                if (requests.giveUp(stuck.requestId(), FailureReason.ATTEMPTS_EXHAUSTED, clock.instant())) {
                    counts.gaveUp++;
                    metrics.gaveUp();
                }
                return;
            }
            queue.send(message);
            if (requests.requeue(stuck, clock.instant())) {
                counts.requeued++;
                metrics.requeued();
            }
        } catch (RetryableException e) {
            counts.failed++;
            LOG.warn("reconcile could not act on {}: {}", stuck.requestId(), e.getMessage());
        }
    }

    private static final class Counts {
        int examined;
        int requeued;
        int gaveUp;
        int failed;
    }
}
