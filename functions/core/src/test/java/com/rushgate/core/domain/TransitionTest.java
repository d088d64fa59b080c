package com.rushgate.core.domain;

import static com.rushgate.core.domain.RequestStatus.FAILED_FINAL;
import static com.rushgate.core.domain.RequestStatus.PROCESSING;
import static com.rushgate.core.domain.RequestStatus.QUEUED;
import static com.rushgate.core.domain.RequestStatus.RECEIVED;
import static com.rushgate.core.domain.RequestStatus.REJECTED;
import static com.rushgate.core.domain.RequestStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.testing.Requests;
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

    private static ParticipationRequest processing(Instant leaseUntil) {
        ParticipationRequest r = Requests.received("ev", "u", T0);
        return new ParticipationRequest(r.requestId(), r.eventId(), r.userId(), r.userKey(), r.eventType(), PROCESSING,
                null, 1, 0, r.acceptedAt(), T0, null, leaseUntil, null, 3);
    }
}
