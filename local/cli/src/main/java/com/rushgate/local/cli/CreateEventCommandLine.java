package com.rushgate.local.cli;

import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.CreateEventCommand;
import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.local.stack.LocalClients;
import com.rushgate.local.stack.StackState;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create-event", mixinStandardHelpOptions = true,
        description = {"Creates an event in the running stack's EventTable. A raffle gets a secret seed, kept apart,",
                "and publishes the seed's SHA-256 (its commitment) from now on; it needs --closes, after which it is drawn."})
final class CreateEventCommandLine implements Runnable {

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

    @Option(names = "--closes", paramLabel = "ISO",
            description = "When it closes (default: never; a raffle needs one).")
    String closes;

    @Override
    public void run() {
        CreateEventCommand command;
        try {
            command = new CreateEventCommand(id, type, capacity, opens == null ? Instant.now() : instant("--opens", opens),
                    closes == null ? null : instant("--closes", closes));
        } catch (ClientException e) {
            throw new CliException(e.getMessage());
        }
        StackState state = workspace.requireRunning();
        Event event;
        try (LocalClients clients = new LocalClients(state.region(), state.dynamoDb(), state.sqs())) {
            DynamoRaffles raffles = new DynamoRaffles(clients.dynamoDb(),
                    workspace.model(state).functionVariable("EVENT_TABLE"));
            event = new CreateEventUseCase(raffles, () -> DrawSeed.random(new SecureRandom())).create(command);
        } catch (ClientException e) {
            throw new CliException(e.getMessage());
        }
        workspace.out().printf("created %s event %s: capacity %d, opens %s%s%n", type, id, capacity, event.opensAt(),
                event.closesAt() == null ? "" : ", closes " + event.closesAt());
        if (event.raffle() != null) {
            workspace.out().printf("seed commitment (SHA-256; the seed itself is published with the draw): %s%n",
                    event.raffle().commitment());
        }
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be an ISO-8601 instant like 2026-12-01T10:00:00Z");
        }
    }
}
