package com.rushgate.local.stack;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stack has started, stopped in the reverse order: the triggers and the gateway before the
 * function pools, the pools before the emulators they call. One that fails to stop is logged and
 * the others still stop.
 */
final class Resources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Registers a resource just started, to be closed with the stack; returns it. */
    <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} cleanly: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
