package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Runs the Redrive function on the running stack: DLQ messages go back to the work queue,",
                "FAILED_FINAL requests become QUEUED, and messages of decided requests are deleted."})
final class RedriveCommandLine implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Workspace workspace;

    @Spec
    CommandSpec spec;

    @Option(names = "--event", paramLabel = "ID", description = "Only messages for this event.")
    String event;

    @Option(names = "--max", defaultValue = "100", description = "Most messages to examine (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--dry-run", description = "Report what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--reason", description = "Why; kept on each redriven request.")
    String reason;

    @Option(names = "--discard-unreadable", description = "Delete messages that name no request (they can never be processed).")
    boolean discardUnreadable;

    @Override
    public Integer call() throws Exception {
        StackState state = workspace.requireRunning();
        ObjectNode input = JSON.createObjectNode();
        if (event != null) {
            input.put("eventId", event);
        }
        input.put("maxMessages", max);
        input.put("dryRun", dryRun);
        if (reason != null) {
            input.put("reason", reason);
        }
        input.put("discardUnreadable", discardUnreadable);
        try (LocalStack stack = LocalStack.attach(workspace.inMemoryOptions().withParameters(state.parameters()), state)) {
            String function = stack.model().functionWithHandler("com.rushgate.redrive.RedriveHandler").logicalId();
            Invocation invocation = stack.invoke(function, input.toString());
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JSON.readTree(invocation.payload())));
            return invocation.succeeded() ? 0 : 1;
        }
    }
}
