package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {

    private static final Instant OPENS = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void window_opensInclusiveAndClosesExclusive() {
        Event event = Event.create("e", EventType.FCFS, 1, OPENS, OPENS.plusSeconds(60));

        assertThat(event.availabilityAt(OPENS.minusMillis(1))).isEqualTo(Availability.NOT_OPEN);
        assertThat(event.availabilityAt(OPENS)).isEqualTo(Availability.OPEN);
        assertThat(event.availabilityAt(OPENS.plusSeconds(60).minusMillis(1))).isEqualTo(Availability.OPEN);
        assertThat(event.availabilityAt(OPENS.plusSeconds(60))).isEqualTo(Availability.CLOSED);
    }

    @Test
    void withoutClose_staysOpen() {
        Event event = Event.create("e", EventType.FCFS, 1, OPENS, null);

        assertThat(event.availabilityAt(OPENS.plusSeconds(86_400L * 365))).isEqualTo(Availability.OPEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a b", "../x", "é", "a%2Fb"})
    void eventId_outsideTheAlphabet_isRefused(String eventId) {
        assertThat(Event.isValidEventId(eventId)).isFalse();
    }

    @Test
    void eventId_ofSixtyFiveCharacters_isRefused() {
        assertThat(Event.isValidEventId("a".repeat(64))).isTrue();
        assertThat(Event.isValidEventId("a".repeat(65))).isFalse();
    }

    @Test
    void inconsistentStock_isRefused() {
        assertThatThrownBy(() -> new Event("e", EventType.FCFS, 1, 2, OPENS, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Event.create("e", EventType.FCFS, 1, OPENS, OPENS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
