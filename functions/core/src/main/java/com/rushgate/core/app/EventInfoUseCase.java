package com.rushgate.core.app;

import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The public view of events: their window, stock or commitment, and a raffle's published draw. */
public final class EventInfoUseCase {

    /** Request ids per page of a published list: 360 KB, well within a Lambda answer. */
    public static final int PAGE_SIZE = 10_000;

    private final EventCatalog events;
    private final DrawResults results;
    private final Duration settle;
    private final Clock clock;

    public EventInfoUseCase(EventCatalog events, DrawResults results, Duration settle, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.results = Objects.requireNonNull(results, "results");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws ClientException INVALID_EVENT_ID, EVENT_NOT_FOUND */
    public EventInfo info(String eventId) {
        return EventInfo.of(event(eventId), clock.instant(), settle);
    }

    /**
     * A page of a drawn raffle's entry list or winners, {@link #PAGE_SIZE} ids at most; empty past
     * the end.
     *
     * @throws ClientException INVALID_EVENT_ID, EVENT_NOT_FOUND (also for an event with no published
     *                         draw), INVALID_PAGE for a negative page
     */
    public List<RequestId> page(String eventId, DrawFile file, int page) {
        Event event = event(eventId);
        if (!event.drawn()) {
            throw new ClientException(ErrorCode.EVENT_NOT_FOUND, "event " + eventId + " has no published draw");
        }
        if (page < 0) {
            throw new ClientException(ErrorCode.INVALID_PAGE, "page must be 0 or more");
        }
        return results.page(event.raffle().location(), file, page, PAGE_SIZE);
    }

    private Event event(String eventId) {
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return events.find(eventId).orElseThrow(() ->
                new ClientException(ErrorCode.EVENT_NOT_FOUND, "no event " + eventId));
    }
}
