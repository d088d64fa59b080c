package com.rushgate.local.console;

import com.rushgate.local.analytics.AnalyticsPage;
import com.rushgate.local.analytics.Answer;
import com.rushgate.local.analytics.LakeAnalytics;
import com.rushgate.local.template.StackModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A finished event's analytics page, as {@code rushgate analytics --event ID --html} writes it:
 * the template's named queries answered by DuckDB over the stack's lake. The pipes are flushed
 * first, so results decided a moment ago are in it without waiting for the delivery stream's buffer.
 */
final class AnalyticsView {

    private final StackModel model;
    private final Path lake;
    private final Runnable flushPipes;
    private final Clock clock;

    /** @param lake the stack's lake, or null when it has none */
    AnalyticsView(StackModel model, Path lake, Runnable flushPipes, Clock clock) {
        this.model = model;
        this.lake = lake;
        this.flushPipes = flushPipes;
        this.clock = clock;
    }

    /** One DuckDB at a time: a page is rendered on demand, and two at once would only compete for the cores. */
    synchronized Page render(String eventId) {
        if (lake == null) {
            return Page.missing(eventId, "this stack has no data lake");
        }
        flushPipes.run();
        if (!Files.isDirectory(lake)) {
            return Page.missing(eventId, "nothing has reached the lake yet");
        }
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            if (!analytics.events().contains(eventId)) {
                return Page.missing(eventId, "the lake holds no final result of " + eventId + " yet");
            }
            List<Answer> answers = analytics.askAll(eventId);
            return new Page(true, AnalyticsPage.render(answers, lake.toString(), eventId, clock.instant()));
        }
    }

    /** The page, and whether the lake had anything of the event. */
    record Page(boolean found, String html) {

        static Page missing(String eventId, String why) {
            return new Page(false, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rushgate analytics - "
                    + eventId + "</title></head>\n<body style=\"font-family:sans-serif;margin:2rem\"><h1>Analytics of "
                    + eventId + "</h1>\n<p>" + why + ". Results reach the lake when they are final; try again in a few"
                    + " seconds.</p></body></html>\n");
        }
    }
}
