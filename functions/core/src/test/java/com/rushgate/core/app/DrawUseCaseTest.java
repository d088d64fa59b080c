package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.EntryDecision.Verdict;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.DrawCheck;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RaffleDraw;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryDrawResults;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DrawUseCaseTest {

    private static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(600);
    private static final DrawPolicy POLICY = new DrawPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10));
    private static final DrawSeed SEED = DrawSeed.fromHex("5e".repeat(32));

    private final MutableClock clock = new MutableClock(OPENS);
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final InMemoryDrawResults results = new InMemoryDrawResults();
    private final RecordingQueue queue = new RecordingQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private final DrawUseCase draws = new DrawUseCase(events, events, requests, requests, results, queue, POLICY, clock);
    private final DecideEntriesUseCase workers = new DecideEntriesUseCase(requests, clock, clock::advance, metrics);

    private Event raffle(String eventId, int capacity) {
        Event event = Event.create(eventId, EventType.RAFFLE, capacity, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED));
        assertThat(events.create(event, Optional.of(SEED))).isTrue();
        return event;
    }

    /** {@code count} users enter the raffle, as the worker records them. */
    private List<ParticipationRequest> entered(String eventId, int count) {
        List<ParticipationRequest> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ParticipationRequest claimed = claimed(eventId, "user-" + i, OPENS.plusMillis(i));
            assertThat(requests.enter(claimed, CLOSES.plus(POLICY.settle()), OPENS.plusSeconds(1))).isTrue();
            entries.add(claimed);
        }
        return entries;
    }

    private ParticipationRequest claimed(String eventId, String user, Instant acceptedAt) {
        ParticipationRequest request = Requests.received(eventId, user, acceptedAt);
        requests.insertIfAbsent(request);
        ClaimResult claim = requests.claim(request.requestId(), acceptedAt, acceptedAt.plusSeconds(30));
        return ((ClaimResult.Claimed) claim).request();
    }

    private void afterTheSettleWindow() {
        clock.set(CLOSES.plus(POLICY.settle()));
    }

    private PublishedDraw drawn(DrawOutcome outcome) {
        assertThat(outcome).isInstanceOf(DrawOutcome.Drawn.class);
        return ((DrawOutcome.Drawn) outcome).draw();
    }

    /** The workers take every decision sent so far. */
    private void workersDecideEverything() {
        for (DrawDecisions chunk : new ArrayList<>(queue.decisions)) {
            assertThat(workers.decide(chunk, Duration.ofSeconds(5)).acknowledged()).isTrue();
        }
        queue.decisions.clear();
    }

    private RequestStatus statusOf(RequestId id) {
        return requests.find(id).orElseThrow().status();
    }

    @Test
    void beforeTheCloseAndTheSettleWindow_theDrawIsTooEarly_andNothingIsPublished() {
        raffle("r", 2);
        entered("r", 3);
        clock.set(CLOSES.plus(POLICY.settle()).minusMillis(1));

        DrawOutcome outcome = draws.draw(new DrawCommand("r", false));

        assertThat(outcome).isEqualTo(new DrawOutcome.TooEarly(CLOSES.plus(POLICY.settle())));
        assertThat(results.folders()).isZero();
        assertThat(events.find("r").orElseThrow().drawn()).isFalse();
    }

    @Test
    void aDueDraw_publishesTheRulesWinners_recordsItOnTheEvent_andSendsEveryEntrysDecision() {
        raffle("r", 3);
        List<ParticipationRequest> entries = entered("r", 20);
        afterTheSettleWindow();

        PublishedDraw draw = drawn(draws.draw(new DrawCommand("r", false)));

        List<String> ids = entries.stream().map(e -> e.requestId().value()).toList();
        assertThat(draw.winners()).extracting(RequestId::value).isEqualTo(RaffleDraw.winnersOf(SEED, ids, 3));
        assertThat(draw.seed()).isEqualTo(SEED.hex());
        assertThat(draw.entries()).isEqualTo(20);
        assertThat(DrawCheck.of(draw.commitment(), DrawSeed.fromHex(draw.seed()),
                results.entries(draw.location()).stream().map(RequestId::value).toList(), 3,
                draw.winners().stream().map(RequestId::value).toList()).ok()).isTrue();
        Event event = events.find("r").orElseThrow();
        assertThat(event.raffle().state()).isEqualTo(Raffle.DrawState.DRAWN);
        assertThat(event.raffle().seed()).isEqualTo(SEED.hex());
        assertThat(results.announced).containsExactly(draw);
        Map<Verdict, Long> verdicts = queue.decisions.stream().flatMap(chunk -> chunk.entries().stream())
                .collect(Collectors.groupingBy(EntryDecision::verdict, Collectors.counting()));
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(Verdict.WON, 3L, Verdict.NOT_DRAWN, 17L));
    }

    @Test
    void theWorkers_decideEveryEntryOnce_andTheNextCallFinalisesTheRaffle() {
        raffle("r", 3);
        List<ParticipationRequest> entries = entered("r", 250);
        afterTheSettleWindow();
        PublishedDraw draw = drawn(draws.draw(new DrawCommand("r", false)));
        assertThat(queue.decisions).hasSize(3);

        workersDecideEverything();

        for (ParticipationRequest entry : entries) {
            ParticipationRequest decided = requests.find(entry.requestId()).orElseThrow();
            if (draw.winners().contains(entry.requestId())) {
                assertThat(decided.status()).isEqualTo(RequestStatus.SUCCEEDED);
            } else {
                assertThat(decided.status()).isEqualTo(RequestStatus.REJECTED);
                assertThat(decided.reason()).isEqualTo(RejectReason.NOT_DRAWN.name());
            }
        }
        clock.advance(POLICY.resendAfter());
        draws.draw(new DrawCommand("r", false));
        assertThat(events.find("r").orElseThrow().raffle().state()).isEqualTo(Raffle.DrawState.FINALISED);
        assertThat(queue.decisions).as("nothing left to send").isEmpty();
    }

    @Test
    void aSecondDrawRequest_answersWithTheFirstResult_andSendsNothingBeforeTheResendTime() {
        raffle("r", 2);
        entered("r", 10);
        afterTheSettleWindow();
        PublishedDraw first = drawn(draws.draw(new DrawCommand("r", false)));
        queue.decisions.clear();

        DrawOutcome again = draws.draw(new DrawCommand("r", true));

        assertThat(again).isEqualTo(new DrawOutcome.Drawn(first, false));
        assertThat(queue.decisions).isEmpty();
        assertThat(results.folders()).isEqualTo(1);
    }

    @Test
    void decisionsLostOnTheWay_areSentAgainAfterTheResendTime_forTheEntriesStillWaitingOnly() {
        raffle("r", 1);
        entered("r", 150);
        afterTheSettleWindow();
        draws.draw(new DrawCommand("r", false));
        DrawDecisions lost = queue.decisions.remove(1);
        workersDecideEverything();

        clock.advance(POLICY.resendAfter());
        draws.draw(new DrawCommand("r", false));

        assertThat(queue.decisions).hasSize(1);
        assertThat(queue.decisions.get(0).entries()).extracting(EntryDecision::requestId)
                .containsExactlyInAnyOrderElementsOf(lost.entries().stream().map(EntryDecision::requestId).toList());
        workersDecideEverything();
        clock.advance(POLICY.resendAfter());
        draws.draw(new DrawCommand("r", false));
        assertThat(events.find("r").orElseThrow().raffle().state()).isEqualTo(Raffle.DrawState.FINALISED);
    }

    @Test
    void aDrawRecordedButNotAnnounced_isAnnouncedByTheNextCall_withTheSameResult() {
        raffle("r", 2);
        entered("r", 10);
        afterTheSettleWindow();
        results.failAnnouncing(true);
        assertThatThrownBy(() -> draws.draw(new DrawCommand("r", false))).isInstanceOf(RetryableException.class);
        assertThat(events.find("r").orElseThrow().raffle().state()).as("recorded before the announcement")
                .isEqualTo(Raffle.DrawState.DRAWN);
        assertThat(results.announced).isEmpty();
        results.failAnnouncing(false);

        PublishedDraw settled = drawn(draws.draw(new DrawCommand("r", false)));

        assertThat(results.announced).containsExactly(settled);
        assertThat(queue.decisions).as("and the decisions the first call never sent").isNotEmpty();
        assertThat(results.folders()).isEqualTo(1);
    }

    @Test
    void anEntryStillInFlight_blocksTheDraw_andNothingIsPublishedOrRecorded() {
        raffle("r", 2);
        entered("r", 5);
        ParticipationRequest late = Requests.received("r", "late", OPENS.plusSeconds(5));
        requests.insertIfAbsent(late);
        afterTheSettleWindow();

        DrawOutcome outcome = draws.draw(new DrawCommand("r", true));

        assertThat(outcome).isEqualTo(new DrawOutcome.Blocked(1, List.of()));
        assertThat(events.find("r").orElseThrow().drawn()).isFalse();
        assertThat(results.openLists()).as("the entry list was dropped").isZero();
        assertThat(queue.decisions).isEmpty();
    }

    @Test
    void aFailedEntry_blocksTheDraw_untilTheOperatorDrawsWithoutIt_whichThePublishedResultRecords() {
        raffle("r", 2);
        entered("r", 5);
        ParticipationRequest failed = claimed("r", "unlucky", OPENS.plusSeconds(5));
        assertThat(requests.fail(failed, FailureReason.RETRIES_EXHAUSTED, OPENS.plusSeconds(6))).isTrue();
        afterTheSettleWindow();

        assertThat(draws.draw(new DrawCommand("r", false)))
                .isEqualTo(new DrawOutcome.Blocked(0, List.of(failed.requestId())));
        PublishedDraw draw = drawn(draws.draw(new DrawCommand("r", true)));

        assertThat(draw.excluded()).containsExactly(failed.requestId());
        assertThat(draw.entries()).isEqualTo(5);
        assertThat(results.entries(draw.location())).doesNotContain(failed.requestId());
        workersDecideEverything();
        assertThat(statusOf(failed.requestId())).as("it waits for a redrive").isEqualTo(RequestStatus.FAILED_FINAL);
    }

    @Test
    void aRaffleWithoutEntries_isDrawnEmpty_andFinalisedAtOnce() {
        raffle("r", 5);
        afterTheSettleWindow();

        PublishedDraw draw = drawn(draws.draw(new DrawCommand("r", false)));

        assertThat(draw.entries()).isZero();
        assertThat(draw.winners()).isEmpty();
        assertThat(events.find("r").orElseThrow().raffle().state()).isEqualTo(Raffle.DrawState.FINALISED);
    }

    @Test
    void aCapacityOfAtLeastTheEntries_letsEveryoneWin_andACapacityOfZero_nobody() {
        raffle("many", 50);
        raffle("none", 0);
        entered("many", 7);
        entered("none", 7);
        afterTheSettleWindow();

        assertThat(drawn(draws.draw(new DrawCommand("many", false))).winners()).hasSize(7);
        assertThat(drawn(draws.draw(new DrawCommand("none", false))).winners()).isEmpty();
    }

    @Test
    void anFcfsEvent_aRaffleWithoutCommitment_andAnUnknownEvent_areNotDrawn() {
        events.put(Requests.openFcfs("drop", 5, OPENS));
        events.put(Event.create("bare", EventType.RAFFLE, 1, OPENS, CLOSES));
        afterTheSettleWindow();

        assertThat(draws.draw(new DrawCommand("drop", false))).isInstanceOf(DrawOutcome.NotARaffle.class);
        assertThat(draws.draw(new DrawCommand("bare", false))).isInstanceOf(DrawOutcome.NotARaffle.class);
        assertThat(draws.draw(new DrawCommand("nobody", false))).isEqualTo(new DrawOutcome.NotFound());
    }

    @Test
    void aDrawThatLosesTheRaceToRecordItsResult_answersWithTheOtherDrawsResult() {
        Event event = raffle("r", 1);
        entered("r", 4);
        afterTheSettleWindow();
        DrawUseCase other = new DrawUseCase(events, events, requests, requests, results, queue, POLICY, clock);
        PublishedDraw first = drawn(other.draw(new DrawCommand("r", false)));
        // This call read the raffle OPEN before the other recorded its draw.
        AtomicInteger reads = new AtomicInteger();
        EventCatalog staleOnce = id -> reads.getAndIncrement() == 0 ? Optional.of(event) : events.find(id);
        DrawUseCase late = new DrawUseCase(staleOnce, events, requests, requests, results, queue, POLICY, clock);

        DrawOutcome outcome = late.draw(new DrawCommand("r", false));

        assertThat(outcome).isEqualTo(new DrawOutcome.Drawn(first, false));
        assertThat(events.find("r").orElseThrow().raffle().location()).isEqualTo(first.location());
    }
}
