package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreateEventUseCaseTest {

    private static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryEvents events = new InMemoryEvents(new InMemoryRequestStore());
    private final AtomicInteger seedsDrawn = new AtomicInteger();
    private final CreateEventUseCase useCase = new CreateEventUseCase(events,
            () -> DrawSeed.fromHex(String.format("%064x", seedsDrawn.incrementAndGet())));

    @Test
    void aRaffle_getsASeedKeptApart_andPublishesItsCommitment() {
        Event raffle = useCase.create(new CreateEventCommand("r", EventType.RAFFLE, 10, OPENS, OPENS.plusSeconds(60)));

        DrawSeed seed = events.seed("r").orElseThrow();
        assertThat(raffle.raffle()).isEqualTo(Raffle.committedTo(seed));
        assertThat(raffle.raffle().commitment()).isEqualTo(seed.commitment()).doesNotContain(seed.hex());
        assertThat(events.find("r")).contains(raffle);
    }

    @Test
    void anFcfsEvent_hasNoSeedAndNoDraw() {
        Event drop = useCase.create(new CreateEventCommand("d", EventType.FCFS, 10, OPENS, null));

        assertThat(drop.raffle()).isNull();
        assertThat(drop.remaining()).isEqualTo(10);
        assertThat(events.seed("d")).isEmpty();
        assertThat(seedsDrawn).hasValue(0);
    }

    @Test
    void anIdTakenAlready_isAConflict_andTheFirstEventAndItsCommitmentStay() {
        Event first = useCase.create(new CreateEventCommand("r", EventType.RAFFLE, 10, OPENS, OPENS.plusSeconds(60)));

        assertThatThrownBy(() -> useCase.create(new CreateEventCommand("r", EventType.RAFFLE, 99, OPENS, OPENS.plusSeconds(90))))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EVENT_EXISTS));
        assertThat(events.find("r")).contains(first);
        assertThat(events.seed("r").orElseThrow().commitment()).isEqualTo(first.raffle().commitment());
    }

    @Test
    void badDescriptions_areRefusedWithTheirReason() {
        assertRefused(() -> new CreateEventCommand("bad id", EventType.FCFS, 1, OPENS, null), ErrorCode.INVALID_EVENT_ID);
        assertRefused(() -> new CreateEventCommand("e", null, 1, OPENS, null), ErrorCode.INVALID_EVENT);
        assertRefused(() -> new CreateEventCommand("e", EventType.FCFS, -1, OPENS, null), ErrorCode.INVALID_EVENT);
        assertRefused(() -> new CreateEventCommand("e", EventType.FCFS, 1, OPENS, OPENS), ErrorCode.INVALID_EVENT);
        assertRefused(() -> new CreateEventCommand("e", EventType.RAFFLE, 1, OPENS, null), ErrorCode.INVALID_EVENT);
        assertRefused(() -> new CreateEventCommand("e", EventType.FCFS, 1, null, null), ErrorCode.INVALID_EVENT);
    }

    private static void assertRefused(Runnable command, ErrorCode code) {
        assertThatThrownBy(command::run)
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
