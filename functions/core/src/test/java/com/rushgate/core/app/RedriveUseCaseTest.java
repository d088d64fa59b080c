package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryDeadLetterQueue;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedriveUseCaseTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryDeadLetterQueue dlq = new InMemoryDeadLetterQueue();
    private final RecordingQueue queue = new RecordingQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private final RedriveUseCase useCase = new RedriveUseCase(dlq, requests, queue, clock, metrics);

    private ParticipationRequest failed(String eventId, String userId) {
        ParticipationRequest request = Requests.received(eventId, userId, T0);
        requests.insertIfAbsent(request);
        requests.giveUp(request.requestId(), FailureReason.RETRIES_EXHAUSTED, T0.plusSeconds(30));
        dlq.moveFromMainQueue(new WorkMessage(request.requestId(), eventId, T0));
        return request;
    }

    private static RedriveCommand all() {
        return new RedriveCommand(null, 100, false, "fixed the throttling", false);
    }

    @Test
    void failedRequest_isQueuedSentAndRemovedFromTheDlq() {
        ParticipationRequest request = failed("drop", "alice");

        RedriveReport report = useCase.redrive(all());

        assertThat(report).isEqualTo(new RedriveReport(1, 1, 0, 0, false));
        ParticipationRequest redriven = requests.find(request.requestId()).orElseThrow();
        assertThat(redriven.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(redriven.redriveCount()).isEqualTo(1);
        assertThat(requests.redriveReason(request.requestId())).isEqualTo("fixed the throttling");
        assertThat(queue.sent).extracting(WorkMessage::requestId).containsExactly(request.requestId());
        assertThat(dlq.size()).isZero();
        assertThat(metrics.redriven).hasValue(1);
    }

    @Test
    void decidedRequest_isDeletedWithoutSending() {
        ParticipationRequest request = Requests.received("drop", "bob", T0);
        requests.insertIfAbsent(request);
        ParticipationRequest claimed = ((RequestStore.ClaimResult.Claimed)
                requests.claim(request.requestId(), T0, T0.plusSeconds(30))).request();
        requests.reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(1));
        dlq.moveFromMainQueue(new WorkMessage(request.requestId(), "drop", T0));

        RedriveReport report = useCase.redrive(all());

        assertThat(report).isEqualTo(new RedriveReport(1, 0, 1, 0, false));
        assertThat(queue.sent).isEmpty();
        assertThat(dlq.size()).isZero();
        assertThat(requests.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void dryRun_countsAndChangesNothing() {
        ParticipationRequest request = failed("drop", "carol");

        RedriveReport report = useCase.redrive(new RedriveCommand(null, 100, true, null, false));

        assertThat(report).isEqualTo(new RedriveReport(1, 1, 0, 0, true));
        assertThat(requests.find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(queue.sent).isEmpty();
        assertThat(dlq.size()).isEqualTo(1);
    }

    @Test
    void eventFilter_leavesOtherEventsInTheDlqUncounted() {
        failed("drop", "dave");
        failed("other", "erin");

        RedriveReport report = useCase.redrive(new RedriveCommand("drop", 100, false, null, false));

        assertThat(report.examined()).isEqualTo(1);
        assertThat(report.redriven()).isEqualTo(1);
        assertThat(dlq.all()).singleElement().satisfies(m -> assertThat(m.work().eventId()).isEqualTo("other"));
    }

    @Test
    void maxMessages_boundsTheRun() {
        for (int i = 0; i < 5; i++) {
            failed("drop", "user-" + i);
        }

        RedriveReport report = useCase.redrive(new RedriveCommand(null, 2, false, null, false));

        assertThat(report.examined()).isEqualTo(2);
        assertThat(dlq.size()).isEqualTo(3);
    }

    @Test
    void unreadableMessages_stayUnlessDiscardingIsAsked() {
        dlq.putUnreadable("garbage");

        assertThat(useCase.redrive(all())).isEqualTo(new RedriveReport(1, 0, 0, 1, false));
        assertThat(dlq.size()).isEqualTo(1);

        assertThat(useCase.redrive(new RedriveCommand(null, 100, false, null, true)))
                .isEqualTo(new RedriveReport(1, 0, 1, 0, false));
        assertThat(dlq.size()).isZero();
    }

    @Test
    void twoCopiesOfOneRequest_redriveItOnce() {
        ParticipationRequest request = failed("drop", "frank");
        dlq.moveFromMainQueue(new WorkMessage(request.requestId(), "drop", T0));

        RedriveReport report = useCase.redrive(all());

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(requests.find(request.requestId()).orElseThrow().redriveCount()).isEqualTo(1);
        assertThat(dlq.size()).isZero();
    }

    @Test
    void sendFailure_leavesTheMessageForTheNextRun() {
        failed("drop", "gina");
        queue.failNextSends(true);

        RedriveReport report = useCase.redrive(all());

        assertThat(report.failed()).isEqualTo(1);
        assertThat(dlq.size()).isEqualTo(1);
        assertThat(requests.all()).singleElement()
                .satisfies(r -> assertThat(r.status()).as("nothing changed").isEqualTo(RequestStatus.FAILED_FINAL));
        queue.failNextSends(false);
        dlq.all().forEach(dlq::release);
        assertThat(useCase.redrive(all()).redriven()).isEqualTo(1);
    }

    private DrawDecisions decisionsOf(String eventId, String userId) {
        ParticipationRequest entry = Requests.received(eventId, userId, T0);
        return new DrawDecisions(eventId, T0.plusSeconds(3600),
                List.of(new EntryDecision(entry.requestId(), T0, EntryDecision.Verdict.NOT_DRAWN)));
    }

    @Test
    void raffleDecisions_goBackToTheWorkQueueAsTheyAre_andLeaveTheDlq() {
        DrawDecisions decisions = decisionsOf("raffle", "hana");
        dlq.moveFromMainQueue(decisions);

        RedriveReport report = useCase.redrive(new RedriveCommand("raffle", 100, false, "worker fixed", false));

        assertThat(report).isEqualTo(new RedriveReport(1, 1, 0, 0, false));
        assertThat(queue.decisions).containsExactly(decisions);
        assertThat(queue.sent).isEmpty();
        assertThat(dlq.size()).isZero();
        assertThat(metrics.redriven).hasValue(1);
    }

    @Test
    void raffleDecisions_ofAnotherEvent_orInADryRun_stayInTheDlq() {
        dlq.moveFromMainQueue(decisionsOf("raffle", "ivan"));

        assertThat(useCase.redrive(new RedriveCommand("drop", 100, false, null, false)).examined()).isZero();
        assertThat(useCase.redrive(new RedriveCommand("raffle", 100, true, null, false)))
                .isEqualTo(new RedriveReport(1, 1, 0, 0, true));
        assertThat(queue.decisions).isEmpty();
        assertThat(dlq.size()).isEqualTo(1);
    }

    @Test
    void raffleDecisions_whoseSendFails_stayForTheNextRun() {
        dlq.moveFromMainQueue(decisionsOf("raffle", "jon"));
        queue.failNextSends(true);

        assertThat(useCase.redrive(all())).isEqualTo(new RedriveReport(1, 0, 0, 1, false));
        assertThat(dlq.size()).isEqualTo(1);
    }
}
