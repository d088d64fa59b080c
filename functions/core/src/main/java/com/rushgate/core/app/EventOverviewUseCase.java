package com.rushgate.core.app;

import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.app.port.EventCounts;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.QueueGauges;
import com.rushgate.core.app.port.QueueGauges.Depths;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What operators read about events: the list, one event with its live counts and the queues, and a
 * drawn raffle's winners. Nothing here scans the requests: counts come from the counters, the
 * queue's age from the in-flight index (a read of one item per shard).
 */
public final class EventOverviewUseCase {

    /** Winners per page: {@link EventInfoUseCase#PAGE_SIZE}, as the public lists. */
    public static final int PAGE_SIZE = EventInfoUseCase.PAGE_SIZE;

    private final ManagedEvents events;
    private final EventCounts counts;
    private final QueueGauges queues;
    private final InflightIndex inflight;
    private final DrawResults results;
    private final Clock clock;

    public EventOverviewUseCase(ManagedEvents events, EventCounts counts, QueueGauges queues, InflightIndex inflight,
                                DrawResults results, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.inflight = Objects.requireNonNull(inflight, "inflight");
        this.results = Objects.requireNonNull(results, "results");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every event, by id. */
    public List<ManagedEvent> list() {
        Instant now = clock.instant();
        return events.list().stream().map(event -> ManagedEvent.of(event, now)).toList();
    }

    /**
     * One event, its counts and the queues now.
     *
     * @throws ClientException INVALID_EVENT_ID, EVENT_NOT_FOUND
     */
    public EventReport inspect(String eventId) {
        Event event = read(eventId);
        Instant now = clock.instant();
        Depths depths = queues.read();
        Long oldestAge = inflight.oldest(RequestStatus.QUEUED)
                .map(at -> Math.max(0, Duration.between(at, now).toSeconds()))
                .orElse(null);
        return new EventReport(ManagedEvent.of(event, now), counts.read(eventId, now),
                new QueueReport(depths.messages(), depths.inFlight(), oldestAge, depths.dlqMessages()));
    }

    /**
     * A page of a drawn raffle's winners, best ticket first, {@link #PAGE_SIZE} at most.
     *
     * @throws ClientException INVALID_EVENT_ID, EVENT_NOT_FOUND, INVALID_PAGE (negative), NOT_A_RAFFLE,
     *                         NOT_DRAWN
     */
    public WinnersPage winners(String eventId, int page) {
        if (page < 0) {
            throw new ClientException(ErrorCode.INVALID_PAGE, "page must be 0 or more");
        }
        Event event = read(eventId);
        if (event.type() != EventType.RAFFLE) {
            throw new ClientException(ErrorCode.NOT_A_RAFFLE, "event " + eventId
                    + " is first come, first served: it has no winners to draw");
        }
        if (!event.drawn()) {
            throw new ClientException(ErrorCode.NOT_DRAWN, "raffle " + eventId + " is not drawn yet"
                    + (event.closesAt() == null ? "" : "; it closes at " + event.closesAt()));
        }
        int winners = event.raffle().winners();
        int pages = (winners + PAGE_SIZE - 1) / PAGE_SIZE;
        List<RequestId> ids = page >= pages ? List.of()
                : results.page(event.raffle().location(), DrawFile.WINNERS, page, PAGE_SIZE);
        return new WinnersPage(eventId, page, pages, ids);
    }

    private Event read(String eventId) {
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return events.find(eventId).orElseThrow(() ->
                new ClientException(ErrorCode.EVENT_NOT_FOUND, "no event " + eventId));
    }

    /** One event, its counts, and the queues (queue-wide). */
    public record EventReport(ManagedEvent event, Counts counts, QueueReport queue) {
    }

    /**
     * @param messages         waiting in the work queue
     * @param inFlight         received from the work queue and not deleted yet
     * @param oldestAgeSeconds how long the oldest QUEUED request has waited; null when none is queued
     * @param dlqMessages      waiting in the dead letter queue
     */
    public record QueueReport(long messages, long inFlight, Long oldestAgeSeconds, long dlqMessages) {
    }

    /** @param pages how many pages the winners fill; {@code winners} is empty past the last */
    public record WinnersPage(String eventId, int page, int pages, List<RequestId> winners) {

        public WinnersPage {
            winners = List.copyOf(winners);
        }
    }
}
