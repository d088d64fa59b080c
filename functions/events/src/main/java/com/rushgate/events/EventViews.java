package com.rushgate.events;

import com.rushgate.core.app.EventInfo;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RequestId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public answers' bodies. Nothing personal and nothing secret: no user, and a raffle's seed only
 * once its draw is published. Links are absolute paths on the API's host, with the stage prefix the
 * caller used ({@code basePath}).
 */
final class EventViews {

    private EventViews() {
    }

    /**
     * {@code {eventId, type, opensAt, closesAt?, capacity, state, remaining (FCFS), drawAt (raffle),
     * commitment (raffle), draw? {drawnAt, seed, entries, winners, excluded, entriesUrl, winnersUrl}}}.
     */
    static Map<String, Object> event(EventInfo info, String basePath) {
        Event event = info.event();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("type", event.type().name());
        body.put("opensAt", Timestamps.format(event.opensAt()));
        if (event.closesAt() != null) {
            body.put("closesAt", Timestamps.format(event.closesAt()));
        }
        body.put("capacity", event.capacity());
        body.put("state", info.state().name());
        if (event.type() == EventType.FCFS) {
            body.put("remaining", event.remaining());
        }
        if (info.drawAt() != null) {
            body.put("drawAt", Timestamps.format(info.drawAt()));
        }
        Raffle raffle = event.raffle();
        if (raffle != null) {
            body.put("commitment", raffle.commitment());
        }
        if (event.drawn()) {
            Map<String, Object> draw = new LinkedHashMap<>();
            draw.put("drawnAt", Timestamps.format(raffle.drawnAt()));
            draw.put("seed", raffle.seed());
            draw.put("entries", raffle.entries());
            draw.put("winners", raffle.winners());
            draw.put("excluded", raffle.excluded());
            draw.put("entriesUrl", listUrl(basePath, event.eventId(), DrawFile.ENTRIES, 0));
            draw.put("winnersUrl", listUrl(basePath, event.eventId(), DrawFile.WINNERS, 0));
            body.put("draw", draw);
        }
        return body;
    }

    /**
     * {@code {page, pageSize, requestIds, next}}: next is the following page's link, or null when this
     * page ends the list ({@code total} ids).
     */
    static Map<String, Object> page(String basePath, String eventId, DrawFile file, int page, List<RequestId> ids,
                                    long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("pageSize", EventInfoUseCase.PAGE_SIZE);
        body.put("requestIds", ids.stream().map(RequestId::value).toList());
        boolean more = (page + 1L) * EventInfoUseCase.PAGE_SIZE < total;
        body.put("next", more ? listUrl(basePath, eventId, file, page + 1) : null);
        return body;
    }

    /** How many ids the published list holds. */
    static long total(Event event, DrawFile file) {
        Raffle raffle = event.raffle();
        return raffle == null ? 0 : file == DrawFile.ENTRIES ? raffle.entries() : raffle.winners();
    }

    static String listUrl(String basePath, String eventId, DrawFile file, int page) {
        return basePath + "/events/" + eventId + "/draw/" + file.name().toLowerCase(Locale.ROOT) + "?page=" + page;
    }
}
