package com.rushgate.local.cli;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.local.stack.LocalClients;
import com.rushgate.local.stack.StackState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list-events", mixinStandardHelpOptions = true, description = "Lists the running stack's events.")
final class ListEventsCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Override
    public void run() {
        StackState state = workspace.requireRunning();
        List<Event> events;
        try (LocalClients clients = new LocalClients(state.region(), state.dynamoDb(), state.sqs())) {
            events = new DynamoEventCatalog(clients.dynamoDb(), workspace.model(state).functionVariable("EVENT_TABLE")).list();
        }
        workspace.out().printf("%-24s %-7s %9s %9s  %-24s %s%n", "EVENT", "TYPE", "CAPACITY", "REMAINING", "OPENS", "CLOSES");
        for (Event event : events) {
            workspace.out().printf("%-24s %-7s %9d %9d  %-24s %s%n", event.eventId(), event.type(), event.capacity(),
                    event.remaining(), event.opensAt(), event.closesAt() == null ? "-" : event.closesAt());
        }
        if (events.isEmpty()) {
            workspace.out().println("(no events; create one with ./rushgate create-event)");
        }
    }
}
