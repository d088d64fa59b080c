package com.rushgate.core.app;

import com.rushgate.core.app.EntryDecision.Verdict;
import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.DrawResults.EntryList;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RaffleDraw;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a raffle, publishes the result, and sends each entry's decision through the work queue.
 *
 * <p>The draw runs once the raffle has closed and its settle window has passed, and only while no
 * entry is still in flight: every request the raffle accepted is then ENTERED, decided by the rules
 * (REJECTED), or FAILED_FINAL. Failed entries hold the draw up until an operator redrives them or
 * draws without them ({@link DrawCommand#excludeFailed()}), which the published result records.
 * One streaming pass over the event's line feeds the {@link RaffleDraw} (memory O(capacity)) and
 * the published entry list. The result is fixed by the event's record of it: a draw that loses a
 * race with another answers with the other's result. Deciding the entries is not done here but by
 * the workers, in chunks of {@link DrawDecisions#MAX_ENTRIES} from the work queue, each decision a
 * conditional write from ENTERED; a call for a raffle already drawn resends the decisions of the
 * entries still waiting once {@link DrawPolicy#resendAfter()} has passed, and finalises the raffle
 * when none waits, so a crash anywhere resumes and nothing is decided twice.
 */
public final class DrawUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(DrawUseCase.class);
    /** Statuses read for arrivals the index does not show as entered: enough to say "at least N". */
    private static final int MAX_IN_FLIGHT_READ = 100;
    private static final int CHUNKS_PER_SEND = 10;

    private final EventCatalog events;
    private final Raffles raffles;
    private final ArrivalIndex line;
    private final RequestStore requests;
    private final DrawResults results;
    private final WorkQueue queue;
    private final DrawPolicy policy;
    private final Clock clock;

    /** @param events read with {@link EventCatalog#findLatest}: a draw must see the raffle's state */
    public DrawUseCase(EventCatalog events, Raffles raffles, ArrivalIndex line, RequestStore requests,
                       DrawResults results, WorkQueue queue, DrawPolicy policy,
                       Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.raffles = Objects.requireNonNull(raffles, "raffles");
        this.line = Objects.requireNonNull(line, "line");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.results = Objects.requireNonNull(results, "results");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws RetryableException when a dependency failed; drawing again is safe */
    public DrawOutcome draw(DrawCommand command) {
        Optional<Event> found = events.findLatest(command.eventId());
        if (found.isEmpty()) {
            return new DrawOutcome.NotFound();
        }
        Event event = found.get();
        if (event.type() != EventType.RAFFLE) {
            return new DrawOutcome.NotARaffle("event " + event.eventId() + " is first come, first served");
        }
        if (event.raffle() == null) {
            return new DrawOutcome.NotARaffle("raffle " + event.eventId() + " was created without a committed seed");
        }
        if (event.drawn()) {
            return new DrawOutcome.Drawn(settle(event), false);
        }
        Instant due = event.closesAt().plus(policy.settle());
        if (clock.instant().isBefore(due)) {
            return new DrawOutcome.TooEarly(due);
        }
        return drawNow(event, command.excludeFailed());
    }

    private DrawOutcome drawNow(Event event, boolean excludeFailed) {
        DrawSeed seed = raffles.seed(event.eventId()).orElseThrow(() -> new IllegalStateException(
                "raffle " + event.eventId() + " has a commitment but no seed"));
        RaffleDraw draw = new RaffleDraw(seed, event.capacity());
        Census census = new Census();
        try (EntryList entries = results.begin(event.eventId())) {
            line.forEach(event.eventId(), arrival -> {
                RequestId id = arrival.key().requestId();
                if (arrival.entered() || census.enteredByTable(id)) {
                    draw.enter(id.value());
                    entries.add(id);
                }
            });
            if (census.inFlight > 0 || (!census.failed.isEmpty() && !excludeFailed)) {
                LOG.info("raffle {} is not drawn yet: {} entries in flight, {} failed", event.eventId(),
                        census.inFlight, census.failed.size());
                return new DrawOutcome.Blocked(census.inFlight, census.failed);
            }
            Instant drawnAt = clock.instant();
            List<RequestId> winners = draw.winners().stream().map(ticket -> new RequestId(ticket.requestId())).toList();
            PublishedDraw published = new PublishedDraw(event.eventId(), event.capacity(), seed.commitment(), seed.hex(),
                    event.closesAt(), drawnAt, draw.entries(), winners, census.failed, entries.location());
            entries.publish(published);
            if (!raffles.recordDraw(event.eventId(), published.asRaffle(Raffle.DrawState.DRAWN, null))) {
                LOG.info("raffle {} was drawn by another call meanwhile; answering with its result", event.eventId());
                return new DrawOutcome.Drawn(settle(events.findLatest(event.eventId()).orElseThrow()), false);
            }
            results.announce(published);
            LOG.info("raffle {} drawn: {} entries, {} winners, {} excluded", event.eventId(), draw.entries(),
                    winners.size(), census.failed.size());
            if (fanOut(event.eventId(), published) == 0) {
                raffles.finalise(event.eventId());
            }
            return new DrawOutcome.Drawn(published, true);
        }
    }

    /**
     * A drawn raffle: sends the decisions again when they are due for it, finalises the raffle when
     * no entry waits, and answers with the published result.
     */
    private PublishedDraw settle(Event event) {
        Raffle raffle = event.raffle();
        PublishedDraw published = results.read(raffle.location()).orElseThrow(() -> new IllegalStateException(
                "raffle " + event.eventId() + " records a draw at " + raffle.location() + " that is not published"));
        if (raffle.state() == Raffle.DrawState.DRAWN) {
            Instant now = clock.instant();
            if (raffle.fannedOutAt() == null) {
                // The call that drew stopped before its first fan-out, maybe before announcing the
                // draw to the analytics: announcing again puts the same line.
                results.announce(published);
            }
            if (raffle.fannedOutAt() == null || !now.isBefore(raffle.fannedOutAt().plus(policy.resendAfter()))) {
                long waiting = fanOut(event.eventId(), published);
                if (waiting == 0 && raffles.finalise(event.eventId())) {
                    LOG.info("raffle {} finalised: every entry is decided", event.eventId());
                } else if (waiting > 0) {
                    LOG.info("raffle {}: decisions sent again for {} entries still waiting", event.eventId(), waiting);
                }
            }
        }
        return published;
    }

    /**
     * Sends a decision for every entry still waiting in the line; returns how many. An arrival the
     * index does not show as entered is looked up in the table (the index may lag): failed ones the
     * draw excluded stay as they are and wait for a redrive (the worker then rejects them as excluded).
     */
    private long fanOut(String eventId, PublishedDraw published) {
        Decisions decisions = new Decisions(eventId, published);
        line.forEach(eventId, arrival -> {
            RequestId id = arrival.key().requestId();
            if (arrival.entered() || requests.find(id).map(r -> r.status() == RequestStatus.ENTERED).orElse(false)) {
                decisions.add(id, arrival.key().acceptedAt());
            }
        });
        decisions.flush();
        raffles.recordFanOut(eventId, clock.instant());
        return decisions.sent;
    }

    /** What the pass over the line found besides the entries. */
    private final class Census {
        private final List<RequestId> failed = new ArrayList<>();
        private int inFlight;
        private int read;

        /** An arrival the index does not show as entered: the table says what it is. */
        boolean enteredByTable(RequestId id) {
            if (read >= MAX_IN_FLIGHT_READ && inFlight > 0) {
                inFlight++;
                return false;
            }
            read++;
            Optional<ParticipationRequest> current = requests.find(id);
            RequestStatus status = current.map(ParticipationRequest::status).orElse(RequestStatus.REJECTED);
            if (status == RequestStatus.ENTERED) {
                return true;
            }
            if (status.inFlight()) {
                inFlight++;
            } else if (status == RequestStatus.FAILED_FINAL) {
                failed.add(id);
            }
            return false;
        }
    }

    /** Decisions gathered into chunks, sent ten chunks per call. */
    private final class Decisions {
        private final String eventId;
        private final PublishedDraw published;
        private final Set<RequestId> winners;
        private final Set<RequestId> excluded;
        private final List<EntryDecision> chunk = new ArrayList<>();
        private final List<DrawDecisions> pending = new ArrayList<>();
        private long sent;

        Decisions(String eventId, PublishedDraw published) {
            this.eventId = eventId;
            this.published = published;
            this.winners = new HashSet<>(published.winners());
            this.excluded = new HashSet<>(published.excluded());
        }

        void add(RequestId id, Instant acceptedAt) {
            Verdict verdict = winners.contains(id) ? Verdict.WON
                    : excluded.contains(id) ? Verdict.EXCLUDED : Verdict.NOT_DRAWN;
            chunk.add(new EntryDecision(id, acceptedAt, verdict));
            sent++;
            if (chunk.size() == DrawDecisions.MAX_ENTRIES) {
                closeChunk();
            }
        }

        void flush() {
            closeChunk();
            send();
        }

        private void closeChunk() {
            if (chunk.isEmpty()) {
                return;
            }
            pending.add(new DrawDecisions(eventId, published.drawnAt(), chunk));
            chunk.clear();
            if (pending.size() == CHUNKS_PER_SEND) {
                send();
            }
        }

        private void send() {
            if (!pending.isEmpty()) {
                queue.sendDecisions(List.copyOf(pending));
                pending.clear();
            }
        }
    }
}
