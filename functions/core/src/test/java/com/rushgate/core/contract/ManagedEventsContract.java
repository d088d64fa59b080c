package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.ManagedEvents.Restock;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators' guarded changes of events: what they write, and what makes them refuse. */
public abstract class ManagedEventsContract {

    /** The operators' port and the raffles' port over the same table. */
    public record Parts(ManagedEvents events, Raffles raffles) {
    }

    protected abstract Parts createParts();

    private static final Instant OPENS = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(3600);
    private static final DrawSeed SEED = DrawSeed.fromHex("5a".repeat(32));
    private static final DrawSeed NEW_SEED = DrawSeed.fromHex("a5".repeat(32));

    private Parts parts;
    private String eventId;

    @BeforeEach
    void setUp() {
        parts = createParts();
        eventId = Requests.uniqueEventId();
    }

    private Event fcfs(int capacity, int remaining) {
        Event event = new Event(eventId, EventType.FCFS, capacity, remaining, OPENS, CLOSES);
        assertThat(parts.raffles().create(event, Optional.empty())).isTrue();
        return event;
    }

    private Event raffle() {
        Event event = Event.create(eventId, EventType.RAFFLE, 10, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED));
        assertThat(parts.raffles().create(event, Optional.of(SEED))).isTrue();
        return event;
    }

    @Test
    void restock_growsCapacityAndRemainingTogether() {
        fcfs(100, 37);

        Restock result = parts.events().restock(eventId, 20);

        assertThat(result).isInstanceOf(Restock.Done.class);
        Event after = parts.events().find(eventId).orElseThrow();
        assertThat(after.capacity()).isEqualTo(120);
        assertThat(after.remaining()).isEqualTo(57);
        assertThat(((Restock.Done) result).event()).isEqualTo(after);
    }

    @Test
    void restock_shrinkingBelowTheUnitsGranted_isRefusedAndChangesNothing() {
        Event before = fcfs(100, 37);

        Restock result = parts.events().restock(eventId, -38);

        assertThat(result).isEqualTo(new Restock.Refused(before));
        assertThat(parts.events().find(eventId)).contains(before);
        assertThat(parts.events().restock(eventId, -37)).isInstanceOf(Restock.Done.class);
        assertThat(parts.events().find(eventId).orElseThrow().remaining()).isZero();
        assertThat(parts.events().find(eventId).orElseThrow().capacity()).isEqualTo(63);
    }

    @Test
    void restock_ofARaffleOrOfNothing_isRefused() {
        Event raffle = raffle();

        assertThat(parts.events().restock(eventId, 5)).isEqualTo(new Restock.Refused(raffle));
        assertThat(parts.events().restock(Requests.uniqueEventId(), 5)).isEqualTo(new Restock.NotFound());
    }

    @Test
    void change_movesTheWindow_keepingTheStock() {
        Event before = fcfs(100, 37);
        Event changed = new Event(eventId, EventType.FCFS, 1, 1, OPENS.plusSeconds(60), null);

        assertThat(parts.events().change(before, changed, Optional.empty())).isTrue();

        assertThat(parts.events().find(eventId)).contains(
                new Event(eventId, EventType.FCFS, 100, 37, OPENS.plusSeconds(60), null));
    }

    @Test
    void change_ofAnEventThatChangedMeanwhile_writesNothing() {
        Event before = fcfs(100, 37);
        Event moved = new Event(eventId, EventType.FCFS, 100, 37, OPENS.plusSeconds(60), CLOSES);
        assertThat(parts.events().change(before, moved, Optional.empty())).isTrue();

        Event stale = new Event(eventId, EventType.FCFS, 100, 37, OPENS, CLOSES.plusSeconds(60));
        assertThat(parts.events().change(before, stale, Optional.empty())).isFalse();

        assertThat(parts.events().find(eventId)).contains(moved);
    }

    @Test
    void change_withANewSeed_replacesTheCommitmentAndTheSeedTogether() {
        Event before = raffle();
        Event reseeded = before.withRaffle(Raffle.committedTo(NEW_SEED));

        assertThat(parts.events().change(before, reseeded, Optional.of(NEW_SEED))).isTrue();

        assertThat(parts.events().find(eventId).orElseThrow().raffle().commitment()).isEqualTo(NEW_SEED.commitment());
        assertThat(parts.raffles().seed(eventId)).contains(NEW_SEED);
        assertThat(parts.events().change(before, before.withRaffle(Raffle.committedTo(SEED)), Optional.of(SEED)))
                .as("the old commitment is no longer what the table holds").isFalse();
        assertThat(parts.raffles().seed(eventId)).contains(NEW_SEED);
    }

    @Test
    void delete_removesTheEventAndItsSeed_onlyWhenUnchanged() {
        Event before = raffle();
        Event stale = new Event(eventId, EventType.RAFFLE, 10, 10, OPENS.minusSeconds(1), CLOSES, before.raffle());

        assertThat(parts.events().delete(stale)).isFalse();
        assertThat(parts.events().find(eventId)).isPresent();

        assertThat(parts.events().delete(before)).isTrue();
        assertThat(parts.events().find(eventId)).isEmpty();
        assertThat(parts.raffles().seed(eventId)).isEmpty();
        assertThat(parts.events().delete(before)).isFalse();
    }

    @Test
    void list_holdsTheEvents_andNoSeedItem() {
        raffle();

        assertThat(parts.events().list()).extracting(Event::eventId).contains(eventId)
                .noneMatch(id -> id.contains("#"));
    }
}
