package com.rushgate.redrive;

import com.rushgate.core.app.DrawCommand;
import com.rushgate.core.app.DrawOutcome;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.domain.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The reconciler's second pass: every raffle whose draw is due (closed, and the settle window
 * passed) is drawn, and every raffle drawn and not yet finalised is settled (its decisions sent
 * again when they are due, the raffle finalised when no entry waits). The schedule never draws
 * without the failed entries: a raffle they hold up waits for an operator. One raffle's failure
 * does not stop the others; it is tried again on the next run.
 */
final class DueDraws {

    private static final Logger LOG = LoggerFactory.getLogger(DueDraws.class);
    /** The answer of a draw that failed, with the failure's message. */
    static final String FAILED = "FAILED";

    private final Raffles raffles;
    private final DrawUseCase draws;
    private final Duration settle;
    private final Clock clock;

    DueDraws(Raffles raffles, DrawUseCase draws, Duration settle, Clock clock) {
        this.raffles = Objects.requireNonNull(raffles, "raffles");
        this.draws = Objects.requireNonNull(draws, "draws");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs every due or unfinished draw; answers each, as {@link DrawAnswers} writes it, or {@link #FAILED}. */
    List<Map<String, Object>> run() {
        List<Event> unfinished;
        try {
            unfinished = raffles.unfinished(clock.instant().minus(settle));
        } catch (RetryableException e) {
            LOG.warn("raffles due to be drawn could not be listed; the next run tries again: {}", e.getMessage());
            return List.of();
        }
        List<Map<String, Object>> answers = new ArrayList<>(unfinished.size());
        for (Event raffle : unfinished) {
            answers.add(draw(raffle.eventId()));
        }
        return answers;
    }

    private Map<String, Object> draw(String eventId) {
        MDC.put("eventId", eventId);
        try {
            DrawOutcome outcome = draws.draw(new DrawCommand(eventId, false));
            log(eventId, outcome);
            return DrawAnswers.of(eventId, outcome);
        } catch (RetryableException e) {
            LOG.warn("raffle {}: the draw failed and is tried again on the next run: {}", eventId, e.getMessage());
            return Map.of("eventId", eventId, "outcome", FAILED, "error", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("raffle {}: the draw failed unexpectedly; it is tried again on the next run", eventId, e);
            return Map.of("eventId", eventId, "outcome", FAILED, "error", String.valueOf(e.getMessage()));
        } finally {
            MDC.remove("eventId");
        }
    }

    private static void log(String eventId, DrawOutcome outcome) {
        if (outcome instanceof DrawOutcome.Drawn drawn && drawn.first()) {
            LOG.info("raffle {} drawn on schedule: {} entries, {} winners, published at {}", eventId,
                    drawn.draw().entries(), drawn.draw().winners().size(), drawn.draw().location());
        } else if (outcome instanceof DrawOutcome.Blocked blocked) {
            LOG.info("raffle {} not drawn yet: {} entries in flight, {} failed for good (redrive them, or draw with"
                    + " excludeFailed)", eventId, blocked.inFlight(), blocked.failed().size());
        } else if (outcome instanceof DrawOutcome.TooEarly early) {
            LOG.info("raffle {} not due before {}", eventId, early.dueAt());
        } else if (outcome instanceof DrawOutcome.Drawn) {
            LOG.debug("raffle {} drawn before; its decisions are on their way", eventId);
        } else {
            LOG.warn("raffle {} was listed as unfinished, and the draw answers {}", eventId, DrawAnswers.name(outcome));
        }
    }
}
