package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "event", mixinStandardHelpOptions = true,
        description = {"Shows an event with its live counts and the queue (GET /admin/events/{id}).",
                "With --watch, shows it again every second until Ctrl-C."})
final class EventCommand implements Runnable {

    private static final String CLEAR = "\033[H\033[2J";

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "ID", description = "The event.")
    String id;

    @Option(names = "--watch", description = "Refresh every second until Ctrl-C.")
    boolean watch;

    @Override
    public void run() {
        AdminClient client = admin.client();
        String path = "/admin/events/" + AdminOptions.encode(id);
        do {
            JsonNode answer = client.get(path);
            if (watch && !admin.json) {
                admin.out().print(CLEAR);
                admin.out().println(Instant.now() + "   " + client.base() + "   (Ctrl-C to stop)");
            }
            admin.print(answer, out -> EventViews.detail(out, answer));
            if (watch) {
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        } while (watch && !Thread.currentThread().isInterrupted());
    }
}
