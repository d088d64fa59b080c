package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.local.stack.LocalStack;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One local stack for every integration test class that is happy with the template's defaults.
 * Tests share it safely by using their own event ids; it stops when the test JVM exits.
 */
public final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            // Published in its own state directory, so the command line finds it as it finds `./rushgate start`'s.
            stack = LocalStack.start(TestStacks.options(Map.of()).withPublishedState(true));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-stop"));
        }
        return stack;
    }

    public static String newEventId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An FCFS event, open since a minute ago, never closing. */
    public static String openFcfs(LocalStack stack, String prefix, int capacity) {
        String eventId = newEventId(prefix);
        events(stack).create(Event.create(eventId, EventType.FCFS, capacity, Instant.now().minusSeconds(60), null));
        return eventId;
    }

    public static DynamoEventCatalog events(LocalStack stack) {
        return TestStacks.events(stack);
    }
}
