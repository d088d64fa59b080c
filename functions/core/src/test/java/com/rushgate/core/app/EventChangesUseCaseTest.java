package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventChangesUseCaseTest {

    private static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(3600);
    private static final DrawSeed SEED = DrawSeed.fromHex("11".repeat(32));
    private static final DrawSeed NEW_SEED = DrawSeed.fromHex("22".repeat(32));

    private final MutableClock clock = new MutableClock(OPENS.minusSeconds(60));
    private final InMemoryEvents events = new InMemoryEvents(new InMemoryRequestStore());
    private final AtomicReference<Counts> counts = new AtomicReference<>(Counts.none(5));
    private final EventChangesUseCase useCase = new EventChangesUseCase(events, (id, now) -> counts.get(),
            () -> NEW_SEED, clock);

    private void fcfs(int capacity, int remaining) {
        events.put(new Event("drop-1", EventType.FCFS, capacity, remaining, OPENS, CLOSES));
    }

    private void raffle() {
        events.create(Event.create("drop-1", EventType.RAFFLE, 10, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED)),
                Optional.of(SEED));
    }

    private Event stored() {
        return events.find("drop-1").orElseThrow();
    }

    private static void refused(Runnable call, ErrorCode code, String words) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void restock_shrinkBelowGranted_isRefusedInWordsOfTheUnitsGranted() {
        fcfs(100, 37);

        refused(() -> useCase.restock("drop-1", -40), ErrorCode.CAPACITY_BELOW_GRANTED,
                "capacity cannot shrink below the 63 units already granted");
        assertThat(stored().capacity()).isEqualTo(100);
        assertThat(useCase.restock("drop-1", -37).event().capacity()).isEqualTo(63);
    }

    @Test
    void restock_ofARaffle_isNotFcfs_andZeroUnitsIsABadBody() {
        raffle();

        refused(() -> useCase.restock("drop-1", 5), ErrorCode.NOT_FCFS, "is a raffle");
        refused(() -> useCase.restock("drop-1", 0), ErrorCode.INVALID_BODY, "other than 0");
        refused(() -> useCase.restock("nope", 5), ErrorCode.EVENT_NOT_FOUND, "nope");
    }

    @Test
    void close_now_setsClosesAt_andAgainIsEventClosed() {
        fcfs(10, 10);
        clock.set(OPENS.plusSeconds(10));

        ManagedEvent closed = useCase.close("drop-1", null);

        assertThat(closed.event().closesAt()).isEqualTo(OPENS.plusSeconds(10));
        assertThat(closed.state()).isEqualTo(ManagedEvent.State.CLOSED);
        clock.set(OPENS.plusSeconds(11));
        refused(() -> useCase.close("drop-1", null), ErrorCode.EVENT_CLOSED, "closed at");
    }

    @Test
    void close_inThePast_isClosesBeforeAccepted_andBeforeOpeningIsNotOpen() {
        fcfs(10, 10);
        clock.set(OPENS.plusSeconds(10));

        refused(() -> useCase.close("drop-1", OPENS.plusSeconds(5)), ErrorCode.CLOSES_BEFORE_ACCEPTED, "before now");
        clock.set(OPENS.minusSeconds(10));
        refused(() -> useCase.close("drop-1", null), ErrorCode.EVENT_NOT_OPEN, "before it opens");
        assertThat(stored().closesAt()).isEqualTo(CLOSES);
    }

    @Test
    void patch_opensAt_beforeOpening_moves_andAfterIsAlreadyOpen() {
        fcfs(10, 10);

        assertThat(useCase.change("drop-1", new EventPatch(OPENS.plusSeconds(60), null, false)).event().opensAt())
                .isEqualTo(OPENS.plusSeconds(60));
        clock.set(OPENS.plusSeconds(61));
        refused(() -> useCase.change("drop-1", new EventPatch(OPENS.plusSeconds(120), null, false)),
                ErrorCode.ALREADY_OPEN, "cannot move");
    }

    @Test
    void patch_closesAt_earlierThanNowOnceOpen_isClosesBeforeAccepted_laterIsFine() {
        fcfs(10, 10);
        clock.set(OPENS.plusSeconds(100));

        refused(() -> useCase.change("drop-1", new EventPatch(null, OPENS.plusSeconds(50), false)),
                ErrorCode.CLOSES_BEFORE_ACCEPTED, "accepted since");
        assertThat(useCase.change("drop-1", new EventPatch(null, OPENS.plusSeconds(200), false)).event().closesAt())
                .isEqualTo(OPENS.plusSeconds(200));
    }

    @Test
    void patch_reseed_beforeOpeningReplacesTheCommitment_afterIsCommitmentFixed() {
        raffle();

        ManagedEvent reseeded = useCase.change("drop-1", new EventPatch(null, null, true));

        assertThat(reseeded.event().raffle().commitment()).isEqualTo(NEW_SEED.commitment());
        assertThat(events.seed("drop-1")).contains(NEW_SEED);
        clock.set(OPENS);
        refused(() -> useCase.change("drop-1", new EventPatch(null, null, true)), ErrorCode.COMMITMENT_FIXED,
                "cannot change");
        fcfs(10, 10);
        refused(() -> useCase.change("drop-1", new EventPatch(null, null, true)), ErrorCode.NOT_A_RAFFLE, "no seed");
    }

    @Test
    void delete_beforeOpening_removesTheEvent() {
        raffle();

        useCase.delete("drop-1");

        assertThat(events.find("drop-1")).isEmpty();
        assertThat(events.seed("drop-1")).isEmpty();
    }

    @Test
    void delete_afterOpening_needsTheCloseCountedPastAndNoRequest() {
        fcfs(10, 10);
        clock.set(CLOSES.plusSeconds(30));

        refused(() -> useCase.delete("drop-1"), ErrorCode.EVENT_HAS_REQUESTS, "run only to nothing yet");
        counts.set(new Counts(0, Map.of(), 0, Map.of(), 0, null, 5, CLOSES.minusSeconds(1)));
        refused(() -> useCase.delete("drop-1"), ErrorCode.EVENT_HAS_REQUESTS, "may not be counted yet");
        counts.set(new Counts(3, Map.of(), 3, Map.of(), 0, null, 5, CLOSES.plusSeconds(1)));
        refused(() -> useCase.delete("drop-1"), ErrorCode.EVENT_HAS_REQUESTS, "accepted 3 requests");
        assertThat(events.find("drop-1")).isPresent();

        counts.set(new Counts(0, Map.of(), 0, Map.of(), 0, null, 5, CLOSES.plusSeconds(1)));
        useCase.delete("drop-1");
        assertThat(events.find("drop-1")).isEmpty();
    }

    @Test
    void delete_ofAnOpenEvent_isRefusedWhateverTheCounts() {
        fcfs(10, 10);
        clock.set(OPENS.plusSeconds(1));
        counts.set(new Counts(0, Map.of(), 0, Map.of(), 0, null, 5, OPENS.plusSeconds(1)));

        refused(() -> useCase.delete("drop-1"), ErrorCode.EVENT_HAS_REQUESTS, "close it");
    }
}
