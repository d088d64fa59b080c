package com.rushgate.admin;

import com.rushgate.core.app.DeadLetterPeekUseCase.Letter;
import com.rushgate.core.app.EventOverviewUseCase.EventReport;
import com.rushgate.core.app.EventOverviewUseCase.QueueReport;
import com.rushgate.core.app.EventOverviewUseCase.WinnersPage;
import com.rushgate.core.app.ManagedEvent;
import com.rushgate.core.app.RedriveReport;
import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RequestId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin answers' bodies, as docs/openapi.yaml describes them; every field is always present. */
final class AdminViews {

    private AdminViews() {
    }

    /**
     * {@code {eventId, type, capacity, remaining, opensAt, closesAt|null, state, commitment|null,
     * drawState|null, drawnAt|null}}.
     */
    static Map<String, Object> event(ManagedEvent managed) {
        Event event = managed.event();
        Raffle raffle = event.raffle();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("type", event.type().name());
        body.put("capacity", event.capacity());
        body.put("remaining", event.remaining());
        body.put("opensAt", Timestamps.format(event.opensAt()));
        body.put("closesAt", time(event.closesAt()));
        body.put("state", managed.state().name());
        body.put("commitment", raffle == null ? null : raffle.commitment());
        body.put("drawState", raffle == null ? null : raffle.state().name());
        body.put("drawnAt", raffle == null ? null : time(raffle.drawnAt()));
        return body;
    }

    static Map<String, Object> wrapped(ManagedEvent event) {
        return Map.of("event", event(event));
    }

    static Map<String, Object> events(List<ManagedEvent> events) {
        return Map.of("events", events.stream().map(AdminViews::event).toList());
    }

    /** {@code {event, counts, queue}}. */
    static Map<String, Object> report(EventReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event(report.event()));
        body.put("counts", counts(report.counts(), report.event().event().remaining()));
        body.put("queue", queue(report.queue()));
        return body;
    }

    private static Map<String, Object> counts(Counts counts, int remaining) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", counts.accepted());
        body.put("inFlight", counts.inFlight());
        body.put("succeeded", counts.succeeded());
        body.put("rejected", counts.rejected());
        body.put("failed", counts.failed());
        body.put("remaining", remaining);
        // Every FAILED_FINAL request has its message in the DLQ.
        body.put("dlqMessages", counts.failed());
        body.put("decisionLatencyP95Ms", counts.decisionLatencyP95Ms());
        body.put("latencyWindowMinutes", counts.latencyWindowMinutes());
        body.put("countedThrough", time(counts.countedThrough()));
        return body;
    }

    private static Map<String, Object> queue(QueueReport queue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", queue.messages());
        body.put("inFlight", queue.inFlight());
        body.put("oldestAgeSeconds", queue.oldestAgeSeconds());
        body.put("dlqMessages", queue.dlqMessages());
        return body;
    }

    /** {@code {drawn: true, first, draw: {...}}}: the published draw, its lists as counts and the excluded ids. */
    static Map<String, Object> draw(PublishedDraw draw, boolean first) {
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("eventId", draw.eventId());
        published.put("capacity", draw.capacity());
        published.put("commitment", draw.commitment());
        published.put("seed", draw.seed());
        published.put("closesAt", time(draw.closesAt()));
        published.put("drawnAt", Timestamps.format(draw.drawnAt()));
        published.put("entries", draw.entries());
        published.put("winners", draw.winners().size());
        published.put("excluded", ids(draw.excluded()));
        published.put("location", draw.location());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drawn", true);
        body.put("first", first);
        body.put("draw", published);
        return body;
    }

    static Map<String, Object> winners(WinnersPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", page.eventId());
        body.put("page", page.page());
        body.put("pages", page.pages());
        body.put("winners", ids(page.winners()));
        return body;
    }

    static Map<String, Object> letters(List<Letter> letters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", letters.stream().map(AdminViews::letter).toList());
        body.put("count", letters.size());
        return body;
    }

    private static Map<String, Object> letter(Letter letter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", letter.messageId());
        body.put("requestId", letter.requestId());
        body.put("eventId", letter.eventId());
        body.put("status", letter.status() == null ? null : letter.status().name());
        body.put("errorType", letter.errorType());
        body.put("failedAt", letter.failedAt());
        body.put("detail", letter.detail());
        return body;
    }

    static Map<String, Object> redrive(RedriveReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("examined", report.examined());
        body.put("redriven", report.redriven());
        body.put("skipped", report.skipped());
        body.put("failed", report.failed());
        body.put("dryRun", report.dryRun());
        return body;
    }

    private static String time(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    private static List<String> ids(List<RequestId> ids) {
        return ids.stream().map(RequestId::value).toList();
    }
}
