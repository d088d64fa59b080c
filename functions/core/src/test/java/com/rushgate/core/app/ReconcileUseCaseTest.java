package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryDeadLetterQueue;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconcileUseCaseTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final ReconcilePolicy POLICY = new ReconcilePolicy(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, 100);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryDeadLetterQueue dlq = new InMemoryDeadLetterQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private final ReconcileUseCase useCase = new ReconcileUseCase(requests, requests, queue, dlq, POLICY, clock, metrics);

    private ParticipationRequest received(String userId) {
        ParticipationRequest request = Requests.received("drop", userId, T0);
        requests.insertIfAbsent(request);
        return request;
    }

    private RequestStatus statusOf(ParticipationRequest request) {
        return requests.find(request.requestId()).orElseThrow().status();
    }

    @Test
    void receivedWithoutMessage_isSentAndQueuedAfterTheThreshold() {
        ParticipationRequest stuck = received("alice");

        clock.advance(Duration.ofSeconds(59));
        assertThat(useCase.reconcile().examined()).as("too young").isZero();

        clock.advance(Duration.ofSeconds(2));
        ReconcileReport report = useCase.reconcile();

        assertThat(report).isEqualTo(new ReconcileReport(1, 1, 0, 0));
        assertThat(statusOf(stuck)).isEqualTo(RequestStatus.QUEUED);
        assertThat(queue.sent).extracting(WorkMessage::requestId).containsExactly(stuck.requestId());
        assertThat(metrics.requeued).hasValue(1);
    }

    @Test
    void queuedWhoseMessageCanNoLongerComeBack_isSentAgain() {
        ParticipationRequest request = received("bob");
        requests.markQueued(request.requestId(), T0);

        clock.advance(Duration.ofMinutes(14));
        assertThat(useCase.reconcile().examined()).isZero();
        clock.advance(Duration.ofMinutes(2));

        assertThat(useCase.reconcile().requeued()).isEqualTo(1);
        assertThat(queue.sent).hasSize(1);
        assertThat(statusOf(request)).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void crashedWorker_isRequeuedOnceItsLeaseExpired() {
        ParticipationRequest request = received("carol");
        requests.claim(request.requestId(), T0, T0.plusSeconds(30));

        clock.advance(Duration.ofMinutes(16));
        ReconcileReport report = useCase.reconcile();

        assertThat(report.requeued()).isEqualTo(1);
        assertThat(statusOf(request)).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void liveLease_isLeftAlone() {
        ParticipationRequest request = received("dave");
        requests.claim(request.requestId(), T0, T0.plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(16));

        assertThat(useCase.reconcile().examined()).isZero();
        assertThat(statusOf(request)).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void attemptsUsedUp_givesTheRequestUpIntoTheDlq() {
        ParticipationRequest request = received("erin");
        Instant at = T0;
        for (int attempt = 0; attempt < 3; attempt++) {
            requests.claim(request.requestId(), at, at.plusSeconds(30));
            at = at.plusSeconds(31);
        }

        clock.set(at.plus(Duration.ofMinutes(16)));
        ReconcileReport report = useCase.reconcile();

        assertThat(report.gaveUp()).isEqualTo(1);
        ParticipationRequest failed = requests.find(request.requestId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(failed.reason()).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(dlq.all()).singleElement().satisfies(m -> {
            assertThat(m.work().requestId()).isEqualTo(request.requestId());
            assertThat(m.attributes()).containsEntry("errorType", "ATTEMPTS_EXHAUSTED");
        });
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void workerMovingTheRequestMeanwhile_wins() {
        ParticipationRequest request = received("frank");
        clock.advance(Duration.ofMinutes(2));
        var stuck = requests.changedBefore(RequestStatus.RECEIVED, clock.instant(), 10).get(0);
        ClaimResult claim = requests.claim(request.requestId(), clock.instant(), clock.instant().plusSeconds(30));
        assertThat(claim).isInstanceOf(ClaimResult.Claimed.class);

        assertThat(requests.requeue(stuck, clock.instant())).isFalse();
        assertThat(statusOf(request)).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void failures_areCountedAndRetriedNextRun() {
        received("gina");
        clock.advance(Duration.ofMinutes(2));
        queue.failNextSends(true);

        assertThat(useCase.reconcile().failed()).isEqualTo(1);

        queue.failNextSends(false);
        assertThat(useCase.reconcile().requeued()).isEqualTo(1);
    }

    @Test
    void attemptsUsedUp_butTheDlqUnavailable_leavesTheRequestInFlightForTheNextRun() {
        ParticipationRequest request = received("hank");
        Instant at = T0;
        for (int attempt = 0; attempt < 3; attempt++) {
            requests.claim(request.requestId(), at, at.plusSeconds(30));
            at = at.plusSeconds(31);
        }
        clock.set(at.plus(Duration.ofMinutes(16)));
        dlq.failNext(true);

        assertThat(useCase.reconcile().failed()).isEqualTo(1);
        assertThat(statusOf(request)).as("never FAILED_FINAL with nothing to redrive").isEqualTo(RequestStatus.PROCESSING);

        dlq.failNext(false);
        assertThat(useCase.reconcile().gaveUp()).isEqualTo(1);
        assertThat(statusOf(request)).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(dlq.all()).hasSize(1);
    }
}
