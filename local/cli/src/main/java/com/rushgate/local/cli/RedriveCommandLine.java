package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Redrives the dead letter queue (POST /admin/redrive): its messages go back to the work queue,",
                "FAILED_FINAL requests become QUEUED, and messages of requests decided since are deleted."})
final class RedriveCommandLine implements Runnable {

    @Mixin
    AdminOptions admin;

    @Option(names = "--event", paramLabel = "ID", description = "Only messages for this event.")
    String event;

    @Option(names = "--max", defaultValue = "100", description = "Most messages to examine (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--dry-run", description = "Report what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--reason", description = "Why; kept on each redriven request.")
    String reason;

    @Override
    public void run() {
        ObjectNode body = AdminOptions.body().put("max", max).put("dryRun", dryRun);
        if (event != null) {
            body.put("eventId", event);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        JsonNode report = admin.client().post("/admin/redrive", body);
        admin.print(report, out -> out.printf("%s%s: %d examined, %d redriven, %d skipped, %d failed%n",
                dryRun ? "dry run" : "redrive", event == null ? "" : " of event " + event, report.path("examined").asInt(),
                report.path("redriven").asInt(), report.path("skipped").asInt(), report.path("failed").asInt()));
    }
}
