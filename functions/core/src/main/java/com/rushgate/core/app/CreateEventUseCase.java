package com.rushgate.core.app;

import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates an event with all its stock. A raffle gets a fresh seed, kept apart, and publishes its
 * commitment from the start; the commitment never changes afterwards (nothing writes it again).
 */
public final class CreateEventUseCase {

    private final Raffles raffles;
    private final Supplier<DrawSeed> seeds;

    /** @param seeds a new random seed per call ({@code DrawSeed.random(new SecureRandom())}) */
    public CreateEventUseCase(Raffles raffles, Supplier<DrawSeed> seeds) {
        this.raffles = Objects.requireNonNull(raffles, "raffles");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
    }

    /**
     * @throws ClientException EVENT_EXISTS when the id is taken (nothing is written)
     * @throws RetryableException when the table failed; creating again is safe
     */
    public Event create(CreateEventCommand command) {
        Event event = Event.create(command.eventId(), command.type(), command.capacity(), command.opensAt(),
                command.closesAt());
        Optional<DrawSeed> seed = Optional.empty();
        if (command.type() == EventType.RAFFLE) {
            seed = Optional.of(seeds.get());
            event = event.withRaffle(Raffle.committedTo(seed.get()));
        }
        if (!raffles.create(event, seed)) {
            throw new ClientException(ErrorCode.EVENT_EXISTS, "event " + command.eventId() + " exists already");
        }
        return event;
    }
}
