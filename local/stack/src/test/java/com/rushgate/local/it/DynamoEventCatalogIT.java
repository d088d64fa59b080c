package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.local.stack.LocalStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing an event is one guarded update: earlier only, the rest of the item untouched. */
class DynamoEventCatalogIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static LocalStack stack;
    private static DynamoEventCatalog events;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        events = SharedStack.events(stack);
    }

    @Test
    void close_setsClosesAt_andLeavesTheStockAsItIs() {
        String eventId = SharedStack.openFcfs(stack, "close-open", 5);

        assertThat(events.close(eventId, NOW)).isTrue();

        Event closed = events.findLatest(eventId).orElseThrow();
        assertThat(closed.closesAt()).isEqualTo(NOW);
        assertThat(closed.remaining()).isEqualTo(5);
        assertThat(closed.capacity()).isEqualTo(5);
    }

    @Test
    void close_neverMovesTheCloseLater_andRefusesAnUnknownEvent() {
        String eventId = SharedStack.newEventId("close-twice");
        events.create(Event.create(eventId, EventType.FCFS, 1, NOW.minusSeconds(60), NOW.plusSeconds(60)));

        assertThat(events.close(eventId, NOW.plusSeconds(120))).as("later than its close").isFalse();
        assertThat(events.close(eventId, NOW)).as("earlier").isTrue();
        assertThat(events.close(eventId, NOW)).as("at the same time again").isFalse();
        assertThat(events.findLatest(eventId).orElseThrow().closesAt()).isEqualTo(NOW);
        assertThat(events.close(SharedStack.newEventId("no-such"), NOW)).isFalse();
    }

    @Test
    void close_atOrBeforeTheOpening_isRefused_leavingAReadableEvent() {
        String eventId = SharedStack.newEventId("close-early");
        events.create(Event.create(eventId, EventType.FCFS, 1, NOW.plusSeconds(60), null));

        assertThat(events.close(eventId, NOW.plusSeconds(60))).as("at the opening").isFalse();
        assertThat(events.close(eventId, NOW)).as("before it").isFalse();
        assertThat(events.findLatest(eventId).orElseThrow().closesAt()).isNull();
        assertThat(events.close(eventId, NOW.plusSeconds(61))).as("after it").isTrue();
    }
}
