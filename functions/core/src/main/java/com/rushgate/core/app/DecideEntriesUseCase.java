package com.rushgate.core.app;

import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.Pause;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's part of a raffle's draw: one chunk of decisions from the work queue, each a
 * conditional write from ENTERED. An entry decided already (the chunk came twice, or was resent
 * after a crash) is left as it is. A retryable failure is retried in place until the budget runs
 * out; then the whole chunk comes back later, and what it had done already is skipped.
 */
public final class DecideEntriesUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(DecideEntriesUseCase.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private final RequestStore requests;
    private final Clock clock;
    private final BusinessMetrics metrics;
    private final Backoff backoff;

    public DecideEntriesUseCase(RequestStore requests, Clock clock, Pause pause, BusinessMetrics metrics) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.backoff = new Backoff(clock, Objects.requireNonNull(pause, "pause"), FIRST_BACKOFF, MAX_BACKOFF);
    }

    /** Decides every entry of {@code chunk} within {@code budget}; never throws for a retryable failure. */
    public WorkOutcome decide(DrawDecisions chunk, Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        int decided = 0;
        for (EntryDecision entry : chunk.entries()) {
            if (!clock.instant().isBefore(deadline)) {
                // Out of time between two entries: what is decided stays decided, the chunk comes
                // back for the rest, rather than the invocation's timeout cutting a write short.
                LOG.info("raffle {}: {} of {} decisions taken before the time ran out; the chunk comes back",
                        chunk.eventId(), decided, chunk.entries().size());
                return WorkOutcome.RETRY_LATER;
            }
            boolean changed;
            try {
                changed = backoff.retrying(() -> requests.decideEntry(entry, chunk.drawnAt(), clock.instant()), deadline);
            } catch (RetryableException e) {
                LOG.warn("raffle {}: {} of {} decisions taken before a failure; the chunk comes back: {}",
                        chunk.eventId(), decided, chunk.entries().size(), e.getMessage());
                metrics.retried();
                return WorkOutcome.RETRY_LATER;
            }
            if (changed) {
                decided++;
                Duration latency = Duration.between(entry.acceptedAt(), clock.instant());
                if (entry.verdict().status() == RequestStatus.SUCCEEDED) {
                    metrics.succeeded(latency);
                } else {
                    metrics.rejected(latency);
                }
            }
        }
        LOG.info("raffle {}: {} of {} decisions taken ({} decided before)", chunk.eventId(), decided,
                chunk.entries().size(), chunk.entries().size() - decided);
        return decided > 0 ? WorkOutcome.DECIDED : WorkOutcome.ALREADY_DECIDED;
    }
}
