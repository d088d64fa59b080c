package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restock", mixinStandardHelpOptions = true,
        description = {"Adds units to an FCFS event, or takes them away with a negative count, never below what",
                "was granted (POST /admin/events/{id}/restock): capacity and remaining change together."})
final class RestockCommand implements Runnable {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "ID", description = "The FCFS event.")
    String id;

    @Option(names = "--units", required = true, paramLabel = "N", description = "Units to add (negative: to take away).")
    int units;

    @Override
    public void run() {
        JsonNode answer = admin.client().post("/admin/events/" + AdminOptions.encode(id) + "/restock",
                AdminOptions.body().put("units", units));
        admin.print(answer, out -> EventViews.summary(out, "restocked", answer.path("event")));
    }
}
