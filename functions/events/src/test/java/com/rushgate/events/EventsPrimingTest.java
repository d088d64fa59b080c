package com.rushgate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public event view's SnapStart hooks on the in-memory ports, and what it reads from its environment. */
class EventsPrimingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryEvents table = new InMemoryEvents(new InMemoryRequestStore());
    private final CachedEventCatalog events = new CachedEventCatalog(table, clock, Duration.ofSeconds(5), false);
    private final SnapStartPriming priming = EventsPriming.create(events, Duration.ofMillis(1500), clock, Runnable::run,
            List.of());

    @Test
    void priming_showsTheStandInEvent_andAsksForItsListWhichItHasNot_whateverTheTableHoldsUnderItsId() {
        table.put(Event.create(PrimingPorts.EVENT_ID, EventType.RAFFLE, 5, NOW.minusSeconds(60), NOW.plusSeconds(60)));

        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes).containsKeys("view of the priming event", "entry list of the priming event, which has no draw")
                .allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        assertThat(table.reads()).as("the table was read, the warm-up").isPositive();
    }

    @Test
    void afterRestore_forgetsCachedEvents() {
        table.put(Event.create("drop-1", EventType.FCFS, 5, NOW, null));
        events.find("drop-1");
        priming.prime();
        int reads = table.reads();

        priming.restore();
        events.find("drop-1");

        assertThat(table.reads()).as("read again after the restore").isEqualTo(reads + 1);
    }

    @Test
    void config_readsEveryVariable() {
        EventsConfig config = EventsConfig.from(new Env(ENVIRONMENT));

        assertThat(config.eventTable()).isEqualTo("EventTable");
        assertThat(config.analyticsBucket()).isEqualTo("analyticsbucket");
        assertThat(config.settle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.eventCacheTtl()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void onlyThePublicConstructor_registersTheHooks_andAMissingVariableStillStopsInit() {
        Env.install(ENVIRONMENT);
        int registered = SnapStartPriming.registered().size();

        new EventInfoHandler();
        Map<String, String> broken = new HashMap<>(ENVIRONMENT);
        broken.remove("ANALYTICS_BUCKET");
        Env.install(broken);

        assertThat(SnapStartPriming.registered()).hasSize(registered + 1)
                .last().extracting(SnapStartPriming::function).isEqualTo(EventsPriming.FUNCTION);
        assertThatThrownBy(EventInfoHandler::new).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ANALYTICS_BUCKET");
        assertThat(SnapStartPriming.registered()).hasSize(registered + 1);
    }

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("SDK_HTTP_CLIENT", "url-connection"),
            Map.entry("EVENT_TABLE", "EventTable"),
            Map.entry("ANALYTICS_BUCKET", "analyticsbucket"),
            Map.entry("ARRIVAL_SETTLE_MS", "1500"),
            Map.entry("EVENT_CACHE_SECONDS", "5"),
            Map.entry("POWERTOOLS_SERVICE_NAME", "events"));
}
