package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackState;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Draws a raffle now with the Draw function on the running stack, as an operator. The Reconcile",
                "function draws every raffle by itself once it has closed and its settle window has passed; this",
                "is for drawing without the failed entries, or at once. Asked twice, it answers with the first result."})
final class DrawCommandLine implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DRAWN = Set.of("DRAWN", "ALREADY_DRAWN");

    @Mixin
    Workspace workspace;

    @Option(names = "--event", required = true, paramLabel = "ID", description = "The raffle.")
    String event;

    @Option(names = "--exclude-failed",
            description = "Draw without the entries that failed for good (their messages in the DLQ); the result lists them.")
    boolean excludeFailed;

    @Option(names = "--json", description = "Print the Draw function's answer as it is.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StackState state = workspace.requireRunning();
        ObjectNode input = JSON.createObjectNode().put("eventId", event).put("excludeFailed", excludeFailed);
        try (LocalStack stack = LocalStack.attach(workspace.inMemoryOptions().withParameters(state.parameters()), state)) {
            String function = stack.model().functionWithHandler("com.rushgate.redrive.DrawHandler").logicalId();
            Invocation invocation = stack.invoke(function, input.toString());
            if (!invocation.succeeded()) {
                throw new CliException("the Draw function failed (" + invocation.errorType() + "): " + invocation.payloadText());
            }
            JsonNode answer = JSON.readTree(invocation.payload());
            if (json) {
                workspace.out().println(answer);
            } else {
                workspace.out().println(describe(answer));
            }
            return DRAWN.contains(answer.path("outcome").asText()) ? 0 : 1;
        }
    }

    private String describe(JsonNode answer) {
        String outcome = answer.path("outcome").asText();
        return switch (outcome) {
            case "DRAWN", "ALREADY_DRAWN" -> String.format(
                    "raffle %s %s: %,d entries, %,d winners, %d excluded%n  seed %s%n  published at %s%n"
                            + "check it with: ./rushgate verify-draw --event %s",
                    event, outcome.equals("DRAWN") ? "drawn" : "was drawn already", answer.path("entries").asLong(),
                    answer.path("winners").asLong(), answer.path("excluded").size(), answer.path("seed").asText(),
                    answer.path("location").asText(), event);
            case "TOO_EARLY" -> "raffle " + event + " cannot be drawn before " + answer.path("dueAt").asText()
                    + " (its close plus the settle window)";
            case "BLOCKED" -> "raffle " + event + " is not drawn: " + answer.path("inFlight").asInt()
                    + " entries still in flight, " + answer.path("failed").size() + " failed for good; wait, redrive "
                    + "them (./rushgate redrive --event " + event + "), or draw with --exclude-failed";
            case "NOT_A_RAFFLE" -> "event " + event + " is not drawn: " + answer.path("reason").asText();
            case "NOT_FOUND" -> "no event " + event;
            default -> answer.toString();
        };
    }
}
