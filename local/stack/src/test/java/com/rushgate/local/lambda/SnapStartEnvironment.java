package com.rushgate.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One environment of a function, started outside its pool, whose SnapStart hooks a test runs as a
 * publish and a restore would (the local stack never checkpoints): the function's init, then
 * {@code SnapStartPriming.primeRegistered()} on the environment's own thread, then real invocations.
 */
public final class SnapStartEnvironment implements AutoCloseable {

    private static final String PRIMING = "com.rushgate.core.lambda.SnapStartPriming";

    private final FunctionInstance instance;

    private SnapStartEnvironment(FunctionInstance instance) {
        this.instance = instance;
    }

    public static SnapStartEnvironment start(FunctionPool function) {
        return new SnapStartEnvironment(function.startEnvironment());
    }

    /** beforeCheckpoint then afterRestore of what the function registered at init; each step's outcome. */
    public Map<String, String> checkpointAndRestore() {
        return instance.onEnvironmentThread(loader -> {
            Object outcomes = loader.loadClass(PRIMING).getMethod("primeRegistered").invoke(null);
            Map<String, String> copy = new LinkedHashMap<>();
            ((Map<?, ?>) outcomes).forEach((step, outcome) -> copy.put(String.valueOf(step), String.valueOf(outcome)));
            return copy;
        });
    }

    public Invocation invoke(String payload) {
        return instance.invoke(payload.getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString(), false);
    }

    @Override
    public void close() {
        instance.close();
    }
}
