package com.rushgate.core.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One function's SnapStart runtime hooks (CRaC). Lambda initialises a published version once, calls
 * {@link #beforeCheckpoint} and snapshots the result; every execution environment it later restores
 * from that snapshot first calls {@link #afterRestore}.
 *
 * <p><b>beforeCheckpoint</b> runs the priming steps in order: calls that load and compile the
 * function's code paths and change nothing (see docs/snapstart.md for each function). They run inside
 * the scopes given to the builder, which make the SDK clients read-only and switch metrics publishing
 * off, and with the MDC key {@link #MDC_KEY} set, on which the functions' logging (functions/logging,
 * PrimingFilter) drops everything below WARN: priming publishes no figures and writes no log line
 * that looks like traffic.
 *
 * <p><b>Failures.</b> A step that throws a RuntimeException is logged as a WARN naming the function,
 * the step and the cause, and the next step runs: the snapshot is still taken (failing the hook would
 * fail the version publish, and with it the deployment, for what may be a passing throttle), and the
 * first real invocation pays the warm-up instead. A configuration that is really broken (a table or
 * queue that does not exist, a missing permission) shows in that warning at publish time, and fails
 * the real invocations as it would without priming. A missing environment variable still stops the
 * function at init, before anything is registered. An {@link Error} (a class missing from the jar,
 * memory exhausted) is not caught: a version that cannot load its own classes should not be published.
 *
 * <p><b>afterRestore</b> runs the restore steps (drop caches that restored copies must not share), then
 * clears the MDC of the restoring thread.
 *
 * <p>Outside Lambda (benchmarks, tests), {@link #primeRegistered()} runs both hooks of everything
 * registered, as a publish followed by a restore would: {@code org.crac.Core.checkpointRestore()}
 * only works on a JDK with CRaC.
 */
public final class SnapStartPriming implements Resource {

    /** Set in the MDC while priming; the functions' logging writes only WARN and above when it is "true". */
    public static final String MDC_KEY = "priming";
    /** The outcome of a step that completed. */
    public static final String OK = "ok";

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** Strong references: the runtime's CRaC context holds its resources weakly. */
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String function;
    private final Consumer<Runnable> scope;
    private final List<Step> steps;
    private final List<Step> restoreSteps;

    private SnapStartPriming(Builder builder) {
        this.function = builder.function;
        this.scope = builder.scope;
        this.steps = List.copyOf(builder.steps);
        this.restoreSteps = List.copyOf(builder.restoreSteps);
    }

    /** One named action of a hook. */
    public record Step(String name, Runnable action) {

        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
        }
    }

    public static Builder builder(String function) {
        return new Builder(function);
    }

    /**
     * Registers {@code priming} with the global CRaC context and keeps it alive. Called once, from the
     * public constructor Lambda uses; handlers built for tests register nothing.
     */
    public static SnapStartPriming register(SnapStartPriming priming) {
        REGISTERED.add(Objects.requireNonNull(priming, "priming"));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Everything registered in this class loader, in registration order. */
    public static List<SnapStartPriming> registered() {
        return List.copyOf(REGISTERED);
    }

    /**
     * What a SnapStart publish and restore do, without CRaC: {@link #beforeCheckpoint} of everything
     * registered (last registered first, as CRaC orders it), then {@link #afterRestore} of everything
     * (first registered first). For benchmarks and tests; Lambda calls the hooks itself.
     *
     * @return the outcome of every priming step, keyed "function: step": {@link #OK} or what failed
     */
    public static Map<String, String> primeRegistered() {
        List<SnapStartPriming> all = registered();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String function = all.get(i).function;
            all.get(i).prime().forEach((step, outcome) -> outcomes.put(function + ": " + step, outcome));
        }
        for (SnapStartPriming priming : all) {
            priming.restore();
        }
        return outcomes;
    }

    public String function() {
        return function;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restore();
    }

    /**
     * Runs the priming steps (what {@link #beforeCheckpoint} does).
     *
     * @return each step's outcome, in order: {@link #OK} or "failed: " and the exception
     */
    public Map<String, String> prime() {
        long started = System.nanoTime();
        Map<String, String> outcomes = new LinkedHashMap<>();
        scope.accept(() -> {
            for (Step step : steps) {
                outcomes.put(step.name(), run(step, "priming"));
            }
        });
        long failed = outcomes.values().stream().filter(outcome -> !OK.equals(outcome)).count();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (failed == 0) {
            LOG.info("SnapStart priming of {}: {} steps done in {} ms", function, outcomes.size(), millis);
        } else {
            LOG.warn("SnapStart priming of {}: {} of {} steps failed in {} ms; the snapshot is taken without them",
                    function, failed, outcomes.size(), millis);
        }
        return outcomes;
    }

    /** Runs the restore steps (what {@link #afterRestore} does), then clears this thread's MDC. */
    public void restore() {
        for (Step step : restoreSteps) {
            run(step, "restore");
        }
        MDC.clear();
    }

    private String run(Step step, String hook) {
        MDC.put(MDC_KEY, "true");
        try {
            step.action().run();
            return OK;
        } catch (RuntimeException e) {
            LOG.warn("SnapStart {} of {}: step '{}' failed: {}", hook, function, step.name(), e.toString(), e);
            return "failed: " + e;
        } finally {
            // Handlers run under Powertools logging, which clears the whole MDC when they return;
            // whatever a step leaves, the next one starts clean.
            MDC.clear();
        }
    }

    /** Builds a {@link SnapStartPriming}; steps run in the order they are added. */
    public static final class Builder {

        private final String function;
        private Consumer<Runnable> scope = Runnable::run;
        private final List<Step> steps = new ArrayList<>();
        private final List<Step> restoreSteps = new ArrayList<>();

        private Builder(String function) {
            this.function = Objects.requireNonNull(function, "function");
        }

        /** Every priming step runs inside {@code around}; scopes added later run inside earlier ones. */
        public Builder around(Consumer<Runnable> around) {
            Objects.requireNonNull(around, "around");
            Consumer<Runnable> outer = scope;
            scope = work -> outer.accept(() -> around.accept(work));
            return this;
        }

        public Builder step(String name, Runnable action) {
            steps.add(new Step(name, action));
            return this;
        }

        public Builder steps(List<Step> more) {
            steps.addAll(more);
            return this;
        }

        public Builder afterRestore(String name, Runnable action) {
            restoreSteps.add(new Step(name, action));
            return this;
        }

        public SnapStartPriming build() {
            return new SnapStartPriming(this);
        }
    }
}
