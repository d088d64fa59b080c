package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.load.DrawVerification;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-draw", mixinStandardHelpOptions = true,
        description = {"Checks a raffle's published draw as any participant can: fetches the commitment, the seed, the",
                "entry list and the winners through the public API, recomputes the winners and compares.",
                "Exit code 0: verified; 1: not verified. docs/raffle.md gives the rule."})
final class VerifyDrawCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Workspace workspace;

    @Option(names = "--event", required = true, paramLabel = "ID", description = "The raffle.")
    String event;

    @Option(names = "--api", paramLabel = "URL",
            description = "The API's base URL, e.g. a deployed stage's (default: the running local stack's).")
    URI api;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        URI base = api != null ? api : workspace.requireRunning().api();
        if (base == null) {
            throw new CliException("the running stack serves no API; give --api URL");
        }
        DrawVerification.Result result;
        try {
            result = new DrawVerification(base).verify(event);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
        if (json) {
            ObjectNode node = JSON.valueToTree(result);
            workspace.out().println(node);
        } else {
            print(result);
        }
        return result.ok() ? 0 : 1;
    }

    private void print(DrawVerification.Result result) {
        var out = workspace.out();
        out.printf("raffle %s, drawn %s: %,d entries, %,d winners of capacity %,d, %d excluded%n", result.eventId(),
                result.drawnAt(), result.entries(), result.winners(), result.capacity(), result.excluded());
        out.printf("  commitment  %s%n", result.commitment());
        out.printf("  seed        %s%n", result.seed());
        if (result.ok()) {
            out.println("verified: the seed is the committed one, and the published winners are exactly the rule's");
        } else {
            out.println("NOT VERIFIED:");
            result.problems().forEach(problem -> out.println("  - " + problem));
        }
    }
}
