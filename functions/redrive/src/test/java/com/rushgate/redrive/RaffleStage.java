package com.rushgate.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryDrawResults;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Raffles and their entries on the in-memory ports, as Ingest and the workers leave them. */
final class RaffleStage {

    static final Instant OPENS = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant CLOSES = OPENS.plusSeconds(600);
    static final DrawPolicy POLICY = new DrawPolicy(Duration.ofMillis(1500), Duration.ofMinutes(10));
    static final DrawSeed SEED = DrawSeed.fromHex("5e".repeat(32));

    final MutableClock clock = new MutableClock(OPENS);
    final InMemoryRequestStore requests = new InMemoryRequestStore();
    final InMemoryEvents events = new InMemoryEvents(requests);
    final InMemoryDrawResults results = new InMemoryDrawResults();
    final RecordingQueue queue = new RecordingQueue();
    private final DecideEntriesUseCase workers = new DecideEntriesUseCase(requests, clock, clock::advance,
            new CountingMetrics());

    /** A raffle of {@code capacity} winners, open from OPENS to CLOSES, its seed committed. */
    void raffle(String eventId, int capacity) {
        Event event = Event.create(eventId, EventType.RAFFLE, capacity, OPENS, CLOSES).withRaffle(Raffle.committedTo(SEED));
        assertThat(events.create(event, Optional.of(SEED))).isTrue();
    }

    /** {@code count} users enter, as the worker records them. */
    List<ParticipationRequest> entered(String eventId, int count) {
        List<ParticipationRequest> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ParticipationRequest claimed = claimed(eventId, "user-" + i);
            assertThat(requests.enter(claimed, CLOSES.plus(POLICY.settle()), claimed.acceptedAt().plusSeconds(1))).isTrue();
            entries.add(claimed);
        }
        return entries;
    }

    /** An entry whose processing failed for good: FAILED_FINAL, its message in the DLQ. */
    ParticipationRequest failed(String eventId, String user) {
        ParticipationRequest claimed = claimed(eventId, user);
        assertThat(requests.fail(claimed, FailureReason.RETRIES_EXHAUSTED, claimed.acceptedAt().plusSeconds(5))).isTrue();
        return claimed;
    }

    /** An entry recorded and queued, no worker has it yet. */
    ParticipationRequest inFlight(String eventId, String user) {
        ParticipationRequest request = Requests.received(eventId, user, OPENS.plusSeconds(30));
        requests.insertIfAbsent(request);
        assertThat(requests.markQueued(request.requestId(), OPENS.plusSeconds(30))).isTrue();
        return request;
    }

    private ParticipationRequest claimed(String eventId, String user) {
        ParticipationRequest request = Requests.received(eventId, user, OPENS.plusMillis(Math.abs(user.hashCode() % 100_000)));
        requests.insertIfAbsent(request);
        ClaimResult claim = requests.claim(request.requestId(), request.acceptedAt(), request.acceptedAt().plusSeconds(30));
        return ((ClaimResult.Claimed) claim).request();
    }

    DrawUseCase draws() {
        return draws(results);
    }

    DrawUseCase draws(DrawResults publishedTo) {
        return new DrawUseCase(events, events, requests, requests, publishedTo, queue, POLICY, clock);
    }

    /** The raffles are due: closed, and the settle window passed. */
    void afterTheSettleWindow() {
        clock.set(CLOSES.plus(POLICY.settle()));
    }

    /** The workers take every decision sent so far. */
    void workersDecideEverything() {
        for (DrawDecisions chunk : new ArrayList<>(queue.decisions)) {
            assertThat(workers.decide(chunk, Duration.ofSeconds(5)).acknowledged()).isTrue();
        }
        queue.decisions.clear();
    }

    Raffle.DrawState state(String eventId) {
        return events.find(eventId).orElseThrow().raffle().state();
    }
}
