package com.rushgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.app.port.QueueGauges.Depths;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The admin function's SnapStart hooks on the in-memory ports, and what it reads from its environment. */
class AdminPrimingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents table = new InMemoryEvents(requests);
    private final AtomicInteger queueReads = new AtomicInteger();
    private final AdminConfig config = AdminConfig.from(new Env(ENVIRONMENT));
    private final SnapStartPriming priming = AdminPriming.create(table, (id, now) -> Counts.none(5), () -> {
        queueReads.incrementAndGet();
        return new Depths(0, 0, 0);
    }, requests, table, requests, config, new PowertoolsMetrics("Rushgate", "admin"), clock, Runnable::run, List.of());

    @Test
    void priming_viewsTheStandIn_andRefusesToDrawIt_whateverTheTableHoldsUnderItsId_changingNothing() {
        DrawSeed seed = DrawSeed.fromHex("42".repeat(32));
        Event raffle = Event.create(PrimingPorts.EVENT_ID, EventType.RAFFLE, 5, NOW.minusSeconds(600), NOW.minusSeconds(60))
                .withRaffle(Raffle.committedTo(seed));
        table.create(raffle, Optional.of(seed));

        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes).containsKeys("view of the priming event, its counts and the queues",
                        "winners and draw of the priming event, which is not a raffle",
                        "a look into the DLQ and a dry-run redrive, both empty")
                .allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(queueReads.get()).as("the queues were read, the warm-up").isPositive();
        assertThat(table.find(PrimingPorts.EVENT_ID)).contains(raffle);
    }

    @Test
    void config_readsEveryVariable() {
        assertThat(config.eventTable()).isEqualTo("EventTable");
        assertThat(config.inflightIndex()).isEqualTo("InflightIndex");
        assertThat(config.deadLetterQueue()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
        assertThat(config.drawPolicy().settle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.drawPolicy().resendAfter()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.arrivalShards()).isEqualTo(16);
    }

    @Test
    void onlyThePublicConstructor_registersTheHooks_andAMissingVariableStillStopsInit() {
        Env.install(ENVIRONMENT);
        int registered = SnapStartPriming.registered().size();

        new AdminHandler();
        Map<String, String> broken = new HashMap<>(ENVIRONMENT);
        broken.remove("INFLIGHT_INDEX");
        Env.install(broken);

        assertThat(SnapStartPriming.registered()).hasSize(registered + 1)
                .last().extracting(SnapStartPriming::function).isEqualTo(AdminPriming.FUNCTION);
        assertThatThrownBy(AdminHandler::new).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INFLIGHT_INDEX");
        assertThat(SnapStartPriming.registered()).hasSize(registered + 1);
    }

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("SDK_HTTP_CLIENT", "url-connection"),
            Map.entry("EVENT_TABLE", "EventTable"),
            Map.entry("COUNTS_TABLE", "CountsTable"),
            Map.entry("REQUEST_TABLE", "RequestTable"),
            Map.entry("ARRIVAL_INDEX", "ArrivalIndex"),
            Map.entry("INFLIGHT_INDEX", "InflightIndex"),
            Map.entry("ARRIVAL_SHARDS", "16"),
            Map.entry("QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/work"),
            Map.entry("DLQ_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
            Map.entry("ANALYTICS_BUCKET", "analyticsbucket"),
            Map.entry("ARRIVAL_SETTLE_MS", "1500"),
            Map.entry("DRAW_RESEND_AFTER_SECONDS", "600"),
            Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Rushgate"),
            Map.entry("POWERTOOLS_SERVICE_NAME", "admin"));
}
