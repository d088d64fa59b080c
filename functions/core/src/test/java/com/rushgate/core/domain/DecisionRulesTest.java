package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.testing.Requests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {

    private static final Instant OPENS = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-11-24T11:00:00Z");
    private final DecisionRules rules = new DecisionRules();

    @Test
    void fcfs_acceptedWhileOpen_allocatesStock() {
        Event event = Event.create("drop", EventType.FCFS, 10, OPENS, CLOSES);

        assertThat(rules.decide(event, acceptedAt("drop", OPENS))).isEqualTo(new Decision.AllocateStock());
    }

    @Test
    void raffle_acceptedWhileOpen_entersTheRaffle() {
        Event event = Event.create("draw", EventType.RAFFLE, 10, OPENS, CLOSES);

        assertThat(rules.decide(event, acceptedAt("draw", CLOSES.minusMillis(1)))).isEqualTo(new Decision.EnterRaffle());
    }

    @Test
    void eligibility_isJudgedAtAcceptanceNotAtProcessing() {
        Event event = Event.create("drop", EventType.FCFS, 10, OPENS, CLOSES);
        // Accepted a millisecond before closing; the worker runs much later: still eligible.
        ParticipationRequest late = acceptedAt("drop", CLOSES.minusMillis(1));

        assertThat(rules.decide(event, late)).isEqualTo(new Decision.AllocateStock());
    }

    @Test
    void acceptedAtOrAfterClose_isRejectedAsClosed() {
        Event event = Event.create("drop", EventType.FCFS, 10, OPENS, CLOSES);

        assertThat(rules.decide(event, acceptedAt("drop", CLOSES))).isEqualTo(new Decision.Reject(RejectReason.EVENT_CLOSED));
    }

    @Test
    void acceptedBeforeOpening_isRejectedAsNotOpen() {
        Event event = Event.create("drop", EventType.FCFS, 10, OPENS, null);

        assertThat(rules.decide(event, acceptedAt("drop", OPENS.minusMillis(1))))
                .isEqualTo(new Decision.Reject(RejectReason.EVENT_NOT_OPEN));
    }

    @Test
    void aRequestForAnotherEvent_isABug() {
        Event event = Event.create("drop", EventType.FCFS, 10, OPENS, null);

        assertThatThrownBy(() -> rules.decide(event, acceptedAt("other", OPENS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ParticipationRequest acceptedAt(String eventId, Instant acceptedAt) {
        return Requests.received(eventId, "user-1", acceptedAt);
    }
}
