package com.rushgate.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.InMemoryDeadLetterQueue;
import com.rushgate.core.testing.InMemoryDrawResults;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The redrive, reconcile and draw SnapStart hooks on the in-memory ports: their runs find nothing and change nothing. */
class RedrivePrimingTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-24T10:00:00Z");
    private static final DrawPolicy DRAWS = new DrawPolicy(Duration.ofMillis(1500), Duration.ofMinutes(10));
    private static final DrawSeed SEED = DrawSeed.fromHex("5e".repeat(32));

    private final MutableClock clock = new MutableClock(ACCEPTED.plus(Duration.ofHours(1)));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryDeadLetterQueue dlq = new InMemoryDeadLetterQueue();
    private final PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "redrive");
    private final ReconcilePolicy policy = new ReconcilePolicy(Duration.ofSeconds(60), Duration.ofSeconds(960), 5, 500);
    private final ParticipationRequest stuck = Requests.received("drop-1", "alice", ACCEPTED);
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final InMemoryDrawResults results = new InMemoryDrawResults();

    @Test
    void reconcilePriming_findsNothing_evenWithAStuckRequest_andChangesNothing() {
        requests.insertIfAbsent(stuck);
        events.create(Event.create("raffle-due", EventType.RAFFLE, 1, ACCEPTED, ACCEPTED.plusSeconds(60))
                .withRaffle(Raffle.committedTo(SEED)), Optional.of(SEED));
        SnapStartPriming priming = ReconcilePriming.create(new ReconcilePriming.Parts(requests, requests, policy, events,
                events, DRAWS, metrics), Runnable::run, List.of());

        Map<String, String> outcomes = priming.prime();
        priming.restore();

        assertThat(outcomes).isNotEmpty().allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(requests.all()).containsExactly(stuck);
        assertThat(queue.sent).isEmpty();
        assertThat(events.find("raffle-due").orElseThrow().drawn()).isFalse();
        assertThat(metrics.publishedDocuments()).isZero();

        Map<String, Object> real = new ReconcileHandler(new ReconcileUseCase(requests, requests, queue, queue, policy,
                clock, metrics), new DueDraws(events, new DrawUseCase(events, events, requests, requests, results, queue,
                DRAWS, clock), DRAWS.settle(), clock), metrics).handleRequest(new ScheduledEvent(), InvocationContext.direct());
        assertThat(real).containsEntry("requeued", 1);
        assertThat(queue.sent).hasSize(1);
        assertThat(events.find("raffle-due").orElseThrow().drawn()).as("drawn for real, after the restore").isTrue();
    }

    @Test
    void redrivePriming_neverReceivesFromTheDlq_andChangesNothing() {
        requests.insertIfAbsent(stuck);
        requests.giveUp(stuck.requestId(), FailureReason.RETRIES_EXHAUSTED, ACCEPTED);
        dlq.moveFromMainQueue(new WorkMessage(stuck.requestId(), "drop-1", ACCEPTED));
        List<ParticipationRequest> before = requests.all();
        SnapStartPriming priming = RedrivePriming.create(requests, clock, metrics, Runnable::run, List.of());

        Map<String, String> outcomes = priming.prime();
        priming.restore();

        assertThat(outcomes).isNotEmpty().allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(requests.all()).isEqualTo(before);
        assertThat(dlq.size()).isEqualTo(1);
        assertThat(metrics.publishedDocuments()).isZero();

        Map<String, Object> real = new RedriveHandler(new RedriveUseCase(dlq, requests, queue, clock, metrics), metrics)
                .handleRequest(Map.of(), InvocationContext.direct());
        assertThat(real).containsEntry("redriven", 1);
        assertThat(dlq.size()).isZero();
    }

    @Test
    void drawPriming_findsThePrimingEventIsNoRaffle_andDrawsNothing_evenWithARaffleDue() {
        events.create(Event.create("raffle-due", EventType.RAFFLE, 1, ACCEPTED, ACCEPTED.plusSeconds(60))
                .withRaffle(Raffle.committedTo(SEED)), Optional.of(SEED));
        SnapStartPriming priming = DrawPriming.create(events, events, requests, DRAWS, clock, Runnable::run, List.of());

        Map<String, String> outcomes = priming.prime();
        priming.restore();

        assertThat(outcomes).containsKey("draw of the priming event, which is not a raffle")
                .allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(events.find("raffle-due").orElseThrow().drawn()).isFalse();
        assertThat(results.folders()).isZero();
        assertThat(queue.decisions).isEmpty();
    }

    @Test
    void onlyThePublicConstructors_registerTheHooks_andAMissingVariableStillStopsInit() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("SDK_HTTP_CLIENT", "url-connection"),
                Map.entry("REQUEST_TABLE", "RequestTable"),
                Map.entry("INFLIGHT_INDEX", "InflightIndex"),
                Map.entry("ARRIVAL_SHARDS", "16"),
                Map.entry("QUEUE_URL", "http://127.0.0.1:9324/000000000000/WorkQueue"),
                Map.entry("DLQ_URL", "http://127.0.0.1:9324/000000000000/DeadLetterQueue"),
                Map.entry("RECONCILE_RECEIVED_AFTER_SECONDS", "60"),
                Map.entry("RECONCILE_STALE_AFTER_SECONDS", "960"),
                Map.entry("RECONCILE_MAX_ATTEMPTS", "5"),
                Map.entry("RECONCILE_MAX_PER_RUN", "500"),
                Map.entry("EVENT_TABLE", "EventTable"),
                Map.entry("ARRIVAL_INDEX", "ArrivalIndex"),
                Map.entry("ANALYTICS_BUCKET", "analyticsbucket"),
                Map.entry("ARRIVAL_SETTLE_MS", "1500"),
                Map.entry("DRAW_RESEND_AFTER_SECONDS", "600"),
                Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Test"),
                Map.entry("POWERTOOLS_SERVICE_NAME", "redrive"));
        Env.install(environment);
        int registered = SnapStartPriming.registered().size();

        new RedriveHandler();
        new ReconcileHandler();
        new DrawHandler();
        Map<String, String> broken = new HashMap<>(environment);
        broken.remove("QUEUE_URL");
        Env.install(broken);

        assertThat(SnapStartPriming.registered()).hasSize(registered + 3).extracting(SnapStartPriming::function)
                .endsWith(RedrivePriming.FUNCTION, ReconcilePriming.FUNCTION, DrawPriming.FUNCTION);
        for (Supplier<Object> handler : List.<Supplier<Object>>of(RedriveHandler::new, ReconcileHandler::new,
                DrawHandler::new)) {
            assertThatThrownBy(handler::get).isInstanceOf(ConfigurationException.class).hasMessageContaining("QUEUE_URL");
        }
        assertThat(SnapStartPriming.registered()).hasSize(registered + 3);
    }
}
