package com.rushgate.local.cli;

import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsDeadLetterSource;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.local.stack.LocalClients;
import com.rushgate.local.stack.StackState;
import com.rushgate.local.template.StackModel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Looks into the running stack's dead letter queue.",
        subcommands = {DlqCommand.List.class})
final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the DLQ's messages with why they are there and what their request looks like now.",
                    "Messages are hidden for a moment while they are read, then made visible again."})
    static final class List implements Runnable {

        /** Long enough to page through the queue; every message is released at the end. */
        private static final Duration HOLD = Duration.ofSeconds(30);

        @Mixin
        Workspace workspace;

        @Spec
        CommandSpec spec;

        @Option(names = "--event", paramLabel = "ID", description = "Only messages for this event.")
        String event;

        @Option(names = "--max", defaultValue = "100", description = "Most messages to show (default: ${DEFAULT-VALUE}).")
        int max;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = workspace.requireRunning();
            StackModel model = workspace.model(state);
            try (LocalClients clients = new LocalClients(state.region(), state.dynamoDb(), state.sqs())) {
                SqsDeadLetterSource dlq = new SqsDeadLetterSource(clients.sqs(), model.functionVariable("DLQ_URL"));
                DynamoRequestStore requests = new DynamoRequestStore(clients.dynamoDb(), model.functionVariable("REQUEST_TABLE"),
                        Integer.parseInt(model.functionVariable("ARRIVAL_SHARDS")));
                java.util.List<DeadLetterSource.Message> held = new ArrayList<>();
                Map<String, DeadLetterSource.Message> shown = new LinkedHashMap<>();
                try {
                    while (shown.size() < max) {
                        java.util.List<DeadLetterSource.Message> batch = dlq.receive(10, HOLD);
                        if (batch.isEmpty()) {
                            break;
                        }
                        held.addAll(batch);
                        for (DeadLetterSource.Message message : batch) {
                            if (event == null || (message.work() != null && event.equals(message.work().eventId()))) {
                                shown.putIfAbsent(message.messageId(), message);
                            }
                        }
                    }
                } finally {
                    held.forEach(dlq::release);
                }
                out.printf("%-12s %-36s %-20s %-12s %-20s %-24s %s%n", "MESSAGE", "REQUEST", "EVENT", "NOW", "ERROR",
                        "FAILED AT", "DETAIL");
                for (DeadLetterSource.Message message : shown.values()) {
                    Optional<ParticipationRequest> request = message.work() == null ? Optional.empty()
                            : requests.find(message.work().requestId());
                    Map<String, String> attributes = message.attributes();
                    out.printf("%-12s %-36s %-20s %-12s %-20s %-24s %s%n",
                            message.messageId().substring(0, Math.min(12, message.messageId().length())),
                            message.work() == null ? "(unreadable)" : message.work().requestId().value(),
                            message.work() == null ? "-" : message.work().eventId(),
                            request.map(r -> r.status().name()).orElse("-"),
                            attributes.getOrDefault("errorType", "MAX_RECEIVES"),
                            attributes.getOrDefault("failedAt", "-"),
                            attributes.getOrDefault("errorMessage",
                                    message.work() == null ? abbreviate(message.body()) : "SQS moved it after maxReceiveCount deliveries"));
                }
                out.printf("%d message(s)%s%n", shown.size(), event == null ? "" : " for event " + event);
            }
        }

        private static String abbreviate(String body) {
            String flat = body.replaceAll("\\s+", " ");
            return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
        }
    }
}
