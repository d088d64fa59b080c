package com.rushgate.core.app;

import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import java.time.Instant;
import java.util.List;

/** What a draw request came to. */
public sealed interface DrawOutcome {

    /**
     * The raffle is drawn: by this call ({@code first}) or by an earlier one, whose result this is.
     */
    record Drawn(PublishedDraw draw, boolean first) implements DrawOutcome {
    }

    /** No such event. */
    record NotFound() implements DrawOutcome {
    }

    /** An FCFS event, or a raffle created without a committed seed. */
    record NotARaffle(String why) implements DrawOutcome {
    }

    /** Not due yet: it may be drawn from {@code dueAt} (the close plus the settle window). */
    record TooEarly(Instant dueAt) implements DrawOutcome {
    }

    /**
     * Entries still in flight (at least {@code inFlight} of them), or failed for good without an
     * operator's decision to draw without them ({@code failed}): redrive them, or draw excluding them.
     */
    record Blocked(int inFlight, List<RequestId> failed) implements DrawOutcome {

        public Blocked {
            failed = List.copyOf(failed);
        }
    }
}
