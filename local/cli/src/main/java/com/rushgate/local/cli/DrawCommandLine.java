package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Draws a raffle now, as an operator (POST /admin/events/{id}/draw). The Reconcile function",
                "draws every raffle by itself once it has closed and its settle window has passed; this is for",
                "drawing without the failed entries, or at once. Asked twice, it answers with the first result."})
final class DrawCommandLine implements Runnable {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "ID", description = "The raffle.")
    String id;

    @Option(names = "--exclude-failed",
            description = "Draw without the entries that failed for good (their messages in the DLQ); the result lists them.")
    boolean excludeFailed;

    @Override
    public void run() {
        JsonNode answer = admin.client().post("/admin/events/" + AdminOptions.encode(id) + "/draw",
                AdminOptions.body().put("excludeFailed", excludeFailed));
        admin.print(answer, out -> {
            JsonNode draw = answer.path("draw");
            out.printf("raffle %s %s: %,d entries, %,d winners, %d excluded%n", id,
                    answer.path("first").asBoolean() ? "drawn" : "was drawn already", draw.path("entries").asLong(),
                    draw.path("winners").asLong(), draw.path("excluded").size());
            out.printf("  seed       %s%n  commitment %s%n", draw.path("seed").asText(), draw.path("commitment").asText());
            out.printf("winners: ./rushgate winners %s --all; check the draw: ./rushgate verify-draw --event %s%n", id, id);
        });
    }
}
