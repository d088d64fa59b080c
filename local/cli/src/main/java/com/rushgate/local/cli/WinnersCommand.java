package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "winners", mixinStandardHelpOptions = true,
        description = {"Prints a drawn raffle's published winners, one user key a line (GET /admin/events/{id}/winners):",
                "a page of 10,000, or every page with --all, written as they arrive."})
final class WinnersCommand implements Runnable {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "ID", description = "The drawn raffle.")
    String id;

    @ArgGroup(exclusive = true)
    Pages pages = new Pages();

    static final class Pages {
        @Option(names = "--page", paramLabel = "N", description = "This page, from 0 (default: 0).")
        int page;

        @Option(names = "--all", description = "Every page.")
        boolean all;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Write the winners to FILE instead of standard output.")
    Path file;

    @Override
    public void run() {
        AdminClient client = admin.client();
        String path = "/admin/events/" + AdminOptions.encode(id) + "/winners?page=";
        try (PrintWriter target = file == null ? null : new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            PrintWriter out = target == null ? admin.out() : target;
            int page = pages.all ? 0 : pages.page;
            long written = 0;
            int total;
            do {
                JsonNode answer = client.get(path + page);
                total = answer.path("pages").asInt();
                if (admin.json) {
                    out.println(answer);
                } else {
                    for (JsonNode winner : answer.path("winners")) {
                        out.println(winner.asText());
                        written++;
                    }
                }
                out.flush();
                page++;
            } while (pages.all && page < total);
            if (file != null || !admin.json) {
                admin.err().printf("%,d winner(s) of raffle %s, %s of %d page(s)%s%n", written, id,
                        pages.all ? "all" : "page " + pages.page, total, file == null ? "" : ", in " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
