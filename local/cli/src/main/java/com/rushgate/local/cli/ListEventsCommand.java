package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list-events", mixinStandardHelpOptions = true,
        description = "Lists the events through the operators' API (GET /admin/events).")
final class ListEventsCommand implements Runnable {

    @Mixin
    AdminOptions admin;

    @Override
    public void run() {
        JsonNode answer = admin.client().get("/admin/events");
        admin.print(answer, out -> {
            EventViews.header(out);
            answer.path("events").forEach(event -> EventViews.row(out, event));
            if (answer.path("events").isEmpty()) {
                out.println("(no events; create one with ./rushgate create-event)");
            }
        });
    }
}
