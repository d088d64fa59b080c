package com.rushgate.core.app;

import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.app.port.DeadLetterSource.Message;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DLQ messages back to the work queue: FAILED_FINAL becomes QUEUED (one conditional write,
 * counting the redrive), the message is sent, then the DLQ copy is deleted. A message whose
 * request is decided, or already back in flight, is deleted without sending. Two redrives at once are safe: they receive
 * different messages, the transition lets one of them win per request, and the worker's claim
 * and the stock transaction decide each request once whatever the number of messages.
 */
public final class RedriveUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveUseCase.class);
    /** Long enough for one run to finish with the messages it holds; others see them after. */
    private static final Duration HIDE_FOR = Duration.ofSeconds(60);
    private static final int RECEIVE_MAX = 10;

    private final DeadLetterSource deadLetters;
    private final RequestStore requests;
    private final WorkQueue queue;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public RedriveUseCase(DeadLetterSource deadLetters, RequestStore requests, WorkQueue queue, Clock clock,
                          BusinessMetrics metrics) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    private enum Outcome { REDRIVEN, SKIPPED, FAILED }

    public RedriveReport redrive(RedriveCommand command) {
        Set<String> seen = new HashSet<>();
        List<Message> release = new ArrayList<>();
        int examined = 0;
        int redriven = 0;
        int skipped = 0;
        int failed = 0;
        while (examined < command.maxMessages()) {
            List<Message> batch = deadLetters.receive(Math.min(RECEIVE_MAX, command.maxMessages() - examined), HIDE_FOR);
            boolean fresh = false;
            for (Message message : batch) {
                if (!seen.add(message.messageId())) {
                    continue;
                }
                fresh = true;
                if (command.eventId() != null && !command.eventId().equals(message.eventId())) {
                    release.add(message);
                    continue;
                }
                if (examined >= command.maxMessages()) {
                    release.add(message);
                    continue;
                }
                examined++;
                Outcome outcome = handle(message, command, release);
                switch (outcome) {
                    case REDRIVEN -> redriven++;
                    case SKIPPED -> skipped++;
                    case FAILED -> failed++;
                }
            }
            if (!fresh) {
                break;
            }
        }
        for (Message message : release) {
            deadLetters.release(message);
        }
        RedriveReport report = new RedriveReport(examined, redriven, skipped, failed, command.dryRun());
        LOG.info("redrive done: {} (event {}, reason {})", report, command.eventId(), command.reason());
        return report;
    }

    private Outcome handle(Message message, RedriveCommand command, List<Message> release) {
        if (message.decisions() != null) {
            return redriveDecisions(message, command, release);
        }
        if (message.work() == null) {
            if (command.discardUnreadable() && !command.dryRun()) {
                deadLetters.delete(message);
                LOG.warn("discarded unreadable DLQ message {}", message.messageId());
                return Outcome.SKIPPED;
            }
            release.add(message);
            return command.discardUnreadable() ? Outcome.SKIPPED : Outcome.FAILED;
        }
        Optional<ParticipationRequest> found = requests.find(message.work().requestId());
        if (found.isEmpty()) {
            release.add(message);
            return Outcome.FAILED;
        }
        RequestStatus status = found.get().status();
        if (command.dryRun()) {
            release.add(message);
            return status == RequestStatus.FAILED_FINAL ? Outcome.REDRIVEN : Outcome.SKIPPED;
        }
        try {
            if (status != RequestStatus.FAILED_FINAL) {
                // Decided, in flight elsewhere (another redrive, a console redrive, a worker), or the
                // reconciler's to resend: this copy is not needed.
                deadLetters.delete(message);
                return Outcome.SKIPPED;
            }
            // The transition first: one redrive wins per request, and no worker can take the
            // request from under it before it is QUEUED.
            if (!requests.redrive(message.work().requestId(), command.reason(), clock.instant())) {
                deadLetters.delete(message);
                return Outcome.SKIPPED;
            }
            try {
                queue.send(message.work());
            } catch (RetryableException e) {
                // Back to FAILED_FINAL, to match the DLQ copy that stays; if even that fails, the
                // reconciler finds the QUEUED request without a message.
                requests.giveUp(message.work().requestId(), FailureReason.REDRIVE_INTERRUPTED, clock.instant());
                throw e;
            }
            deadLetters.delete(message);
            metrics.redriven();
            return Outcome.REDRIVEN;
        } catch (RetryableException e) {
            LOG.warn("could not redrive {}: {}", message.messageId(), e.getMessage());
            return Outcome.FAILED;
        }
    }

    /**
     * A raffle's decisions go back to the work queue as they are: each is a conditional write from
     * ENTERED, so the entries decided since (by the reconciler's resend) are skipped by the worker.
     */
    private Outcome redriveDecisions(Message message, RedriveCommand command, List<Message> release) {
        if (command.dryRun()) {
            release.add(message);
            return Outcome.REDRIVEN;
        }
        try {
            queue.sendDecisions(List.of(message.decisions()));
        } catch (RetryableException e) {
            LOG.warn("could not redrive the raffle decisions {}: {}", message.messageId(), e.getMessage());
            release.add(message);
            return Outcome.FAILED;
        }
        deadLetters.delete(message);
        metrics.redriven();
        return Outcome.REDRIVEN;
    }
}
