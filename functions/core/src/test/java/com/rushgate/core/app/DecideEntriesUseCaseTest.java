package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import com.rushgate.core.app.EntryDecision.Verdict;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecideEntriesUseCaseTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant DRAWN_AT = T0.plusSeconds(700);

    private final MutableClock clock = new MutableClock(DRAWN_AT);
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final CountingMetrics metrics = new CountingMetrics();

    private List<EntryDecision> entries(int count) {
        List<EntryDecision> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ParticipationRequest request = Requests.received("r", "user-" + i, T0.plusMillis(i));
            requests.insertIfAbsent(request);
            ParticipationRequest claimed = ((ClaimResult.Claimed) requests.claim(request.requestId(), T0.plusSeconds(1),
                    T0.plusSeconds(31))).request();
            assertThat(requests.enter(claimed, T0.plusSeconds(602), T0.plusSeconds(2))).isTrue();
            decisions.add(new EntryDecision(request.requestId(), request.acceptedAt(), i < 3 ? Verdict.WON : Verdict.NOT_DRAWN));
        }
        return decisions;
    }

    @Test
    void aChunk_decidesEachEntryFromEntered_winnersSucceedAndTheOthersAreNotDrawn() {
        List<EntryDecision> entries = entries(10);
        DecideEntriesUseCase useCase = new DecideEntriesUseCase(requests, clock, clock::advance, metrics);

        assertThat(useCase.decide(new DrawDecisions("r", DRAWN_AT, entries), Duration.ofSeconds(5)))
                .isEqualTo(WorkOutcome.DECIDED);

        for (EntryDecision entry : entries) {
            ParticipationRequest decided = requests.find(entry.requestId()).orElseThrow();
            assertThat(decided.status()).isEqualTo(entry.verdict().status());
            assertThat(decided.reason()).isEqualTo(entry.verdict() == Verdict.WON ? null : RejectReason.NOT_DRAWN.name());
        }
    }

    @Test
    void aWorkerKilledMidChunk_resumesOnRedelivery_andNoEntryIsDecidedTwice() {
        List<EntryDecision> entries = entries(DrawDecisions.MAX_ENTRIES);
        DrawDecisions chunk = new DrawDecisions("r", DRAWN_AT, entries);
        Map<String, AtomicInteger> decidedTimes = new ConcurrentHashMap<>();
        InMemoryRequestStore failing = spy(requests);
        AtomicInteger writes = new AtomicInteger();
        AtomicBoolean gone = new AtomicBoolean();
        doAnswer(call -> {
            if (gone.get() || writes.incrementAndGet() == 41) {
                gone.set(true);
                throw new RetryableException("the worker's environment went away");
            }
            boolean changed = (boolean) call.callRealMethod();
            if (changed) {
                decidedTimes.computeIfAbsent(((EntryDecision) call.getArgument(0)).requestId().value(),
                        id -> new AtomicInteger()).incrementAndGet();
            }
            return changed;
        }).when(failing).decideEntry(any(), any(), any());
        DecideEntriesUseCase dying = new DecideEntriesUseCase(failing, clock, clock::advance, metrics);

        assertThat(dying.decide(chunk, Duration.ofSeconds(5))).isEqualTo(WorkOutcome.RETRY_LATER);
        assertThat(decidedTimes).hasSize(40);
        gone.set(false);
        assertThat(dying.decide(chunk, Duration.ofSeconds(5))).isEqualTo(WorkOutcome.DECIDED);
        assertThat(dying.decide(chunk, Duration.ofSeconds(5))).as("a third delivery").isEqualTo(WorkOutcome.ALREADY_DECIDED);

        assertThat(decidedTimes).hasSize(DrawDecisions.MAX_ENTRIES);
        assertThat(decidedTimes.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(requests.all()).allSatisfy(r -> assertThat(r.status()).isIn(RequestStatus.SUCCEEDED, RequestStatus.REJECTED));
    }

    @Test
    void aChunkWhoseTimeIsUp_stopsBetweenTwoEntries_andComesBackForTheRest() {
        DrawDecisions chunk = new DrawDecisions("r", DRAWN_AT, entries(3));
        DecideEntriesUseCase useCase = new DecideEntriesUseCase(requests, clock, clock::advance, metrics);

        assertThat(useCase.decide(chunk, Duration.ZERO)).isEqualTo(WorkOutcome.RETRY_LATER);

        assertThat(requests.all()).allSatisfy(r -> assertThat(r.status()).isEqualTo(RequestStatus.ENTERED));
        assertThat(useCase.decide(chunk, Duration.ofSeconds(5))).isEqualTo(WorkOutcome.DECIDED);
    }

    @Test
    void aThrottledWrite_isRetriedInPlace_withinTheBudget() {
        List<EntryDecision> entries = entries(3);
        InMemoryRequestStore throttled = spy(requests);
        AtomicInteger calls = new AtomicInteger();
        doAnswer(call -> {
            if (calls.incrementAndGet() <= 2) {
                throw new RetryableException("ProvisionedThroughputExceeded");
            }
            return call.callRealMethod();
        }).when(throttled).decideEntry(any(), any(), any());

        WorkOutcome outcome = new DecideEntriesUseCase(throttled, clock, clock::advance, metrics)
                .decide(new DrawDecisions("r", DRAWN_AT, entries), Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(WorkOutcome.DECIDED);
        assertThat(requests.all()).allSatisfy(r -> assertThat(r.status().isDecided()).isTrue());
    }
}
