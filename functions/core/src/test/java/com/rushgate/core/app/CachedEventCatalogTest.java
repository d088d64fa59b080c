package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedEventCatalogTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final InMemoryEvents source = new InMemoryEvents(new InMemoryRequestStore());

    @Test
    void knownEvents_areReadOncePerTtl() {
        source.put(Event.create("drop", EventType.FCFS, 1, Instant.EPOCH, null));
        CachedEventCatalog cache = new CachedEventCatalog(source, clock, Duration.ofSeconds(5));

        cache.find("drop");
        cache.find("drop");
        clock.advance(Duration.ofSeconds(5));
        cache.find("drop");

        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void unknownEvents_areCachedOnlyWhenAsked() {
        CachedEventCatalog ingest = new CachedEventCatalog(source, clock, Duration.ofSeconds(5));
        CachedEventCatalog worker = new CachedEventCatalog(source, clock, Duration.ofSeconds(5), false);
        assertThat(ingest.find("late")).isEmpty();
        assertThat(worker.find("late")).isEmpty();

        source.put(Event.create("late", EventType.FCFS, 1, Instant.EPOCH, null));

        assertThat(ingest.find("late")).as("still the cached miss").isEmpty();
        assertThat(worker.find("late")).as("the event created since").isPresent();
    }
}
