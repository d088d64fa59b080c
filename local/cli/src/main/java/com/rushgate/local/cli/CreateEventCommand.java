package com.rushgate.local.cli;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.local.stack.LocalClients;
import com.rushgate.local.stack.StackState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(name = "create-event", mixinStandardHelpOptions = true,
        description = "Creates an event in the running stack's EventTable.")
final class CreateEventCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Option(names = "--id", required = true, description = "Event id: 1-64 of A-Z a-z 0-9 _ -.")
    String id;

    @Option(names = "--type", required = true, description = "FCFS or RAFFLE.")
    EventType type;

    @Option(names = "--capacity", defaultValue = "100",
            description = "FCFS: units of stock; RAFFLE: winners to draw (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--opens", paramLabel = "ISO", description = "When it opens, e.g. 2026-12-01T10:00:00Z (default: now).")
    String opens;

    @Option(names = "--closes", paramLabel = "ISO", description = "When it closes (default: never).")
    String closes;

    @Override
    public void run() {
        if (!Event.isValidEventId(id)) {
            throw new CliException("--id must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        Event event;
        try {
            event = Event.create(id, type, capacity, opens == null ? Instant.now() : instant("--opens", opens),
                    closes == null ? null : instant("--closes", closes));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        StackState state = workspace.requireRunning();
        try (LocalClients clients = new LocalClients(state.region(), state.dynamoDb(), state.sqs())) {
            DynamoEventCatalog events = new DynamoEventCatalog(clients.dynamoDb(),
                    workspace.model(state).functionVariable("EVENT_TABLE"));
            if (!events.create(event)) {
                throw new CliException("event " + id + " exists already");
            }
        }
        workspace.out().printf("created %s event %s: capacity %d, opens %s%s%n", type, id, capacity, event.opensAt(),
                event.closesAt() == null ? "" : ", closes " + event.closesAt());
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be an ISO-8601 instant like 2026-12-01T10:00:00Z");
        }
    }
}
