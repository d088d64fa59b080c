package com.rushgate.core.app;

import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.Objects;

/**
 * What a raffle's draw decided for one entry.
 *
 * @param requestId  the entry
 * @param acceptedAt when it was accepted (its latency is measured from there)
 * @param verdict    won, not drawn, or left out of the draw
 */
public record EntryDecision(RequestId requestId, Instant acceptedAt, Verdict verdict) {

    /** The three answers a draw gives an entry. */
    public enum Verdict {
        /** Among the winners: SUCCEEDED. */
        WON(Transition.WIN, null),
        /** Entered, not among the winners: REJECTED, NOT_DRAWN. */
        NOT_DRAWN(Transition.LOSE, RejectReason.NOT_DRAWN),
        /** Not in the draw's entry list (drawn without it): REJECTED, EXCLUDED_FROM_DRAW. */
        EXCLUDED(Transition.LOSE, RejectReason.EXCLUDED_FROM_DRAW);

        private final Transition transition;
        private final RejectReason reason;

        Verdict(Transition transition, RejectReason reason) {
            this.transition = transition;
            this.reason = reason;
        }

        public Transition transition() {
            return transition;
        }

        /** The stored reason; null for a win. */
        public RejectReason reason() {
            return reason;
        }

        public RequestStatus status() {
            return transition.target();
        }
    }

    public EntryDecision {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(verdict, "verdict");
    }
}
