package com.rushgate.redrive;

import static com.rushgate.redrive.RaffleStage.CLOSES;
import static com.rushgate.redrive.RaffleStage.OPENS;
import static com.rushgate.redrive.RaffleStage.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reconciler's scheduled run draws the raffles that are due, on the in-memory ports. */
class ReconcileDrawsTest {

    private final RaffleStage stage = new RaffleStage();
    private final Set<String> unavailable = new HashSet<>();
    private final ReconcileHandler reconciler = reconciler(stage.results);

    /** Publishing the draws of the events in {@link #unavailable} fails, as a throttled bucket would. */
    private ReconcileHandler reconciler(DrawResults results) {
        DrawResults flaky = new DrawResults() {
            @Override
            public EntryList begin(String eventId) {
                if (unavailable.contains(eventId)) {
                    throw new RetryableException("PutObject on the analytics bucket: SlowDown");
                }
                return results.begin(eventId);
            }

            @Override
            public void announce(PublishedDraw draw) {
                results.announce(draw);
            }

            @Override
            public Optional<PublishedDraw> read(String location) {
                return results.read(location);
            }

            @Override
            public List<RequestId> page(String location, DrawFile file, int page, int pageSize) {
                return results.page(location, file, page, pageSize);
            }
        };
        PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "reconcile");
        return new ReconcileHandler(new ReconcileUseCase(stage.requests, stage.requests, stage.queue, stage.queue,
                new ReconcilePolicy(Duration.ofHours(1), Duration.ofHours(2), 5, 500), stage.clock, metrics),
                new DueDraws(stage.events, stage.draws(flaky), POLICY.settle(), stage.clock), metrics);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> run() {
        Map<String, Object> report = reconciler.handleRequest(new ScheduledEvent(), InvocationContext.direct());
        assertThat(report).containsKeys("examined", "requeued", "gaveUp", "failed");
        return (List<Map<String, Object>>) report.get("draws");
    }

    @Test
    void aRunAfterTheSettleWindow_drawsTheDueRaffle_andLeavesTheOthers() {
        stage.raffle("due", 3);
        stage.entered("due", 12);
        Event later = Event.create("later", EventType.RAFFLE, 1, OPENS, CLOSES.plusSeconds(3_600))
                .withRaffle(Raffle.committedTo(RaffleStage.SEED));
        stage.events.create(later, Optional.of(RaffleStage.SEED));
        stage.events.put(Event.create("drop-1", EventType.FCFS, 5, OPENS, CLOSES));

        stage.clock.set(CLOSES.plus(POLICY.settle()).minusMillis(1));
        List<Map<String, Object>> justBefore = run();
        stage.afterTheSettleWindow();
        List<Map<String, Object>> draws = run();

        assertThat(justBefore).isEmpty();
        assertThat(draws).singleElement().satisfies(draw -> assertThat(draw).containsEntry("eventId", "due")
                .containsEntry("outcome", "DRAWN").containsEntry("entries", 12L).containsEntry("winners", 3));
        assertThat(stage.state("due")).isEqualTo(Raffle.DrawState.DRAWN);
        assertThat(stage.state("later")).isEqualTo(Raffle.DrawState.OPEN);
        assertThat(stage.queue.decisions.stream().mapToInt(chunk -> chunk.entries().size()).sum()).isEqualTo(12);
    }

    @Test
    void aRaffleHeldUpByAFailedEntry_isReportedBlocked_neverDrawnWithoutIt_andTheOthersAreDrawn() {
        stage.raffle("held", 1);
        stage.entered("held", 3);
        ParticipationRequest failed = stage.failed("held", "unlucky");
        stage.raffle("free", 1);
        stage.entered("free", 3);
        stage.afterTheSettleWindow();

        List<Map<String, Object>> draws = run();

        assertThat(draws).extracting(draw -> draw.get("eventId") + " " + draw.get("outcome"))
                .containsExactly("free DRAWN", "held BLOCKED");
        assertThat(draws.get(1)).containsEntry("failed", List.of(failed.requestId().value()));
        assertThat(stage.state("held")).isEqualTo(Raffle.DrawState.OPEN);
    }

    @Test
    void aDrawThatFails_doesNotStopTheOthers_andTheNextRunDrawsIt() {
        stage.raffle("flaky", 1);
        stage.entered("flaky", 2);
        stage.raffle("steady", 1);
        stage.entered("steady", 2);
        stage.afterTheSettleWindow();
        unavailable.add("flaky");

        List<Map<String, Object>> first = run();
        unavailable.clear();
        stage.clock.advance(Duration.ofMinutes(1));
        List<Map<String, Object>> second = run();

        assertThat(first).extracting(draw -> draw.get("eventId") + " " + draw.get("outcome"))
                .containsExactly("flaky FAILED", "steady DRAWN");
        assertThat(first.get(0).get("error").toString()).contains("SlowDown");
        assertThat(second).extracting(draw -> draw.get("eventId") + " " + draw.get("outcome"))
                .containsExactly("flaky DRAWN", "steady ALREADY_DRAWN");
    }

    @Test
    void aDrawnRaffle_isSettledByLaterRuns_andFinalisedOnceEveryEntryIsDecided() {
        stage.raffle("raffle-1", 2);
        List<ParticipationRequest> entries = stage.entered("raffle-1", 5);
        stage.afterTheSettleWindow();
        run();
        stage.workersDecideEverything();

        stage.clock.advance(POLICY.resendAfter());
        List<Map<String, Object>> settling = run();
        List<Map<String, Object>> after = run();

        assertThat(settling).singleElement().satisfies(draw -> assertThat(draw).containsEntry("outcome", "ALREADY_DRAWN"));
        assertThat(stage.state("raffle-1")).isEqualTo(Raffle.DrawState.FINALISED);
        assertThat(after).isEmpty();
        assertThat(entries).extracting(entry -> stage.requests.find(entry.requestId()).orElseThrow().status())
                .containsOnly(RequestStatus.SUCCEEDED, RequestStatus.REJECTED)
                .filteredOn(status -> status == RequestStatus.SUCCEEDED).hasSize(2);
    }
}
