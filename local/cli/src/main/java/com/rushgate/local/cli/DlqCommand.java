package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Looks into the dead letter queue.",
        subcommands = {DlqCommand.List.class})
final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the DLQ's messages with why they are there (GET /admin/dlq). Messages are hidden",
                    "for a moment while they are read, then made visible again at once."})
    static final class List implements Runnable {

        private static final String ROW = "%-12s %-36s %-20s %-12s %-20s %-24s %s%n";

        @Mixin
        AdminOptions admin;

        @Option(names = "--event", paramLabel = "ID", description = "Only messages for this event.")
        String event;

        @Option(names = "--max", defaultValue = "100", description = "Most messages to show, up to 1000 (default: ${DEFAULT-VALUE}).")
        int max;

        @Override
        public void run() {
            String query = "?max=" + max + (event == null ? "" : "&eventId=" + AdminOptions.encode(event));
            JsonNode answer = admin.client().get("/admin/dlq" + query);
            admin.print(answer, out -> {
                out.printf(ROW, "MESSAGE", "REQUEST", "EVENT", "NOW", "ERROR", "FAILED AT", "DETAIL");
                for (JsonNode message : answer.path("messages")) {
                    String id = message.path("messageId").asText();
                    out.printf(ROW, id.substring(0, Math.min(12, id.length())), text(message, "requestId", "(unreadable)"),
                            text(message, "eventId", "-"), text(message, "status", "-"), text(message, "errorType", "-"),
                            text(message, "failedAt", "-"), text(message, "detail", ""));
                }
                out.printf("%d message(s)%s%n", answer.path("count").asInt(answer.path("messages").size()),
                        event == null ? "" : " for event " + event);
            });
        }

        private static String text(JsonNode message, String field, String absent) {
            return message.hasNonNull(field) ? message.get(field).asText() : absent;
        }
    }
}
