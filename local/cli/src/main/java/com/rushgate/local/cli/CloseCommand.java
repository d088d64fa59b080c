package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "close", mixinStandardHelpOptions = true,
        description = {"Closes an event now, or at a later time (POST /admin/events/{id}/close). Requests accepted",
                "before the close are still decided; later ones are refused."})
final class CloseCommand implements Runnable {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "ID", description = "The event.")
    String id;

    @Option(names = "--at", paramLabel = "ISO", description = "When it closes, not before now (default: now).")
    String at;

    @Override
    public void run() {
        ObjectNode body = AdminOptions.body();
        if (at != null) {
            body.put("at", at);
        }
        JsonNode answer = admin.client().post("/admin/events/" + AdminOptions.encode(id) + "/close", body);
        admin.print(answer, out -> EventViews.summary(out, "closed", answer.path("event")));
    }
}
