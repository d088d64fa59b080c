package com.rushgate.core.domain;

import static com.rushgate.core.domain.RequestStatus.FAILED_FINAL;
import static com.rushgate.core.domain.RequestStatus.PROCESSING;
import static com.rushgate.core.domain.RequestStatus.QUEUED;
import static com.rushgate.core.domain.RequestStatus.RECEIVED;
import static com.rushgate.core.domain.RequestStatus.REJECTED;
import static com.rushgate.core.domain.RequestStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private record Edge(RequestStatus from, RequestStatus to) {
    }

    @Test
    void everyEdgeOfTheDesignDiagramIsAllowed() {
        Set<Edge> allowed = new HashSet<>();
        for (Transition t : Transition.values()) {
            t.sourceStates().forEach(from -> allowed.add(new Edge(from, t.target())));
        }

        assertThat(allowed).contains(
                new Edge(RECEIVED, QUEUED),
                new Edge(QUEUED, PROCESSING),
                new Edge(RECEIVED, PROCESSING),
                new Edge(PROCESSING, SUCCEEDED),
                new Edge(PROCESSING, REJECTED),
                new Edge(PROCESSING, FAILED_FINAL),
                new Edge(FAILED_FINAL, QUEUED),
                new Edge(PROCESSING, PROCESSING),
                new Edge(FAILED_FINAL, PROCESSING));
    }

    @Test
    void nothingLeavesADecidedState() {
        for (Transition t : Transition.values()) {
            assertThat(t.sourceStates()).as(t.name()).doesNotContain(SUCCEEDED, REJECTED);
        }
    }

    @Test
    void onlyTheHolderOfTheAttemptMayDecide() {
        for (Transition t : EnumSet.of(Transition.SUCCEED, Transition.REJECT, Transition.FAIL, Transition.RELEASE)) {
            assertThat(t.sources()).as(t.name())
                    .containsExactly(new Transition.Source(PROCESSING, Transition.Guard.SAME_ATTEMPT));
        }
    }

    @Test
    void claim_takesProcessingOnlyWhenTheLeaseHasRunOut() {
        ParticipationRequest processing = processing(T0.plusSeconds(30));

        assertThat(Transition.CLAIM.allows(processing, T0.plusSeconds(10), -1, -1)).isFalse();
        assertThat(Transition.CLAIM.allows(processing, T0.plusSeconds(30), -1, -1)).as("expiry instant is still live").isFalse();
        assertThat(Transition.CLAIM.allows(processing, T0.plusSeconds(31), -1, -1)).isTrue();
    }

    @Test
    void succeed_checksTheAttempt() {
        ParticipationRequest processing = processing(T0.plusSeconds(30));

        assertThat(Transition.SUCCEED.allows(processing, T0, 1, -1)).isTrue();
        assertThat(Transition.SUCCEED.allows(processing, T0, 2, -1)).isFalse();
    }

    @Test
    void requeue_checksTheVersionForQueuedRequests() {
        ParticipationRequest received = Requests.received("ev", "u", T0);

        assertThat(Transition.REQUEUE.allows(received, T0, -1, received.version())).isTrue();
        assertThat(Transition.REQUEUE.allows(received, T0, -1, received.version() + 1)).isFalse();
    }

    @Test
    void finalStatesAreFinalAndOnlySucceededAndRejectedAreDecided() {
        assertThat(EnumSet.allOf(RequestStatus.class).stream().filter(RequestStatus::isFinal))
                .containsExactlyInAnyOrder(SUCCEEDED, REJECTED, FAILED_FINAL);
        assertThat(EnumSet.allOf(RequestStatus.class).stream().filter(RequestStatus::isDecided))
                .containsExactlyInAnyOrder(SUCCEEDED, REJECTED);
    }

    @Test
    void everyTransition_setsItsStatusAndUpdatedAt_andCountsTheVersion() {
        for (Transition t : Transition.values()) {
            assertThat(t.effect().changes()).as(t.name()).contains(
                    Effect.Change.set(RequestField.STATUS, Effect.Input.TARGET),
                    Effect.Change.set(RequestField.UPDATED_AT, Effect.Input.NOW),
                    Effect.Change.increment(RequestField.VERSION));
        }
    }

    @Test
    void finalAndWaitingTransitions_leaveTheInflightIndexWithTheLease_andOnlyDecidedOnesLeaveTheLine() {
        for (Transition t : Transition.values()) {
            Set<Effect.Change> changes = Set.copyOf(t.effect().changes());
            if (t.target().isFinal()) {
                assertThat(changes).as(t.name()).contains(Effect.Change.remove(RequestField.INFLIGHT),
                        Effect.Change.remove(RequestField.LEASE_EXPIRES_AT), Effect.Change.remove(RequestField.LEASE_HOLDER),
                        Effect.Change.set(RequestField.COMPLETED_AT, Effect.Input.NOW));
            } else if (t.target().inFlight()) {
                assertThat(changes).as(t.name()).contains(Effect.Change.set(RequestField.INFLIGHT, Effect.Input.NOW),
                        Effect.Change.remove(RequestField.COMPLETED_AT), Effect.Change.remove(RequestField.REASON));
            } else {
                // A raffle entry waits for its draw: out of the in-flight index, nobody's lease, in line.
                assertThat(changes).as(t.name()).contains(Effect.Change.remove(RequestField.INFLIGHT),
                        Effect.Change.remove(RequestField.LEASE_EXPIRES_AT), Effect.Change.remove(RequestField.LEASE_HOLDER),
                        Effect.Change.set(RequestField.DRAW_AT, Effect.Input.DRAW_TIME));
            }
            assertThat(changes.contains(Effect.Change.remove(RequestField.ARRIVAL))).as(t.name())
                    .isEqualTo(t.target().isDecided());
        }
    }

    @Test
    void claim_fromFailedFinal_dropsTheOldOutcome_andCountsTheAttempt() {
        StoredRequest failed = StoredRequest.inserted(processing(T0.plusSeconds(30)))
                .after(Transition.FAIL, TransitionInputs.at(T0.plusSeconds(1)).heldAs(processing(T0.plusSeconds(30)))
                        .withReason("UNKNOWN_EVENT"));

        StoredRequest claimed = failed.after(Transition.CLAIM, TransitionInputs.at(T0.plusSeconds(5))
                .withLeaseUntil(T0.plusSeconds(35)).withClaimToken("t"));

        assertThat(failed.fields()).containsKeys(RequestField.REASON, RequestField.COMPLETED_AT, RequestField.LATENCY)
                .doesNotContainKey(RequestField.INFLIGHT);
        assertThat(claimed.fields()).doesNotContainKeys(RequestField.REASON, RequestField.COMPLETED_AT,
                RequestField.LATENCY, RequestField.PROCESSING_TIME);
        assertThat(claimed.request().attempts()).isEqualTo(2);
        assertThat(claimed.request().version()).isEqualTo(failed.request().version() + 1);
        assertThat(claimed.get(RequestField.INFLIGHT, Instant.class)).isEqualTo(T0.plusSeconds(5));
        assertThat(claimed.get(RequestField.ARRIVAL, ArrivalKey.class)).as("a failed request keeps its place")
                .isEqualTo(ArrivalKey.of(failed.request()));
    }

    @Test
    void reject_measuresLatencyAndProcessingTime_fromTheHoldersTimes() {
        ParticipationRequest claimed = processing(T0.plusSeconds(30));

        StoredRequest rejected = StoredRequest.inserted(claimed).after(Transition.REJECT,
                TransitionInputs.at(T0.plusSeconds(3)).heldAs(claimed).withReason("SOLD_OUT"));

        assertThat(rejected.get(RequestField.LATENCY, Duration.class)).hasSeconds(3);
        assertThat(rejected.get(RequestField.PROCESSING_TIME, Duration.class)).hasSeconds(3);
        assertThat(rejected.request().reason()).isEqualTo("SOLD_OUT");
        assertThat(rejected.fields()).doesNotContainKeys(RequestField.ARRIVAL, RequestField.INFLIGHT,
                RequestField.LEASE_EXPIRES_AT);
    }

    private static ParticipationRequest processing(Instant leaseUntil) {
        ParticipationRequest r = Requests.received("ev", "u", T0);
        return new ParticipationRequest(r.requestId(), r.eventId(), r.userId(), r.userKey(), r.eventType(), PROCESSING,
                null, 1, 0, r.acceptedAt(), T0, null, leaseUntil, null, 3, null);
    }
}
