package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create-event", mixinStandardHelpOptions = true,
        description = {"Creates an event through the operators' API (POST /admin/events). A raffle gets a secret seed,",
                "kept apart, and publishes the seed's SHA-256 (its commitment) from now on; it needs --closes."})
final class CreateEventCommandLine implements Runnable {

    @Mixin
    AdminOptions admin;

    @Option(names = "--id", required = true, description = "Event id: 1-64 of A-Z a-z 0-9 _ -.")
    String id;

    @Option(names = "--type", required = true, description = "FCFS or RAFFLE.")
    String type;

    @Option(names = "--capacity", defaultValue = "100",
            description = "FCFS: units of stock; RAFFLE: winners to draw (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--opens", paramLabel = "ISO", description = "When it opens, e.g. 2026-12-01T10:00:00Z (default: now).")
    String opens;

    @Option(names = "--closes", paramLabel = "ISO", description = "When it closes (default: never; a raffle needs one).")
    String closes;

    @Override
    public void run() {
        ObjectNode body = AdminOptions.body().put("eventId", id).put("type", type).put("capacity", capacity);
        if (opens != null) {
            body.put("opensAt", opens);
        }
        if (closes != null) {
            body.put("closesAt", closes);
        }
        JsonNode answer = admin.client().post("/admin/events", body);
        admin.print(answer, out -> EventViews.summary(out, "created", answer.path("event")));
    }
}
