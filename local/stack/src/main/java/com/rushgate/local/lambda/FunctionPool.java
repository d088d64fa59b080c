package com.rushgate.local.lambda;

import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.template.StackModel.FunctionSpec;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environments of one function: at most {@code concurrency} of them (its reserved
 * concurrency, or the local default), each serving one invocation at a time. Callers that find no
 * idle environment queue, first come first served, for the next one to become free; meanwhile
 * new environments start in the background, a few at a time (Lambda too scales at a bounded rate). A new environment is a cold start and its init time is logged; an environment
 * that timed out is thrown away.
 */
public final class FunctionPool implements Invoker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionPool.class);
    /** Under AWS's quotas environments start in parallel, one per core. */
    private static final int PARALLEL_STARTS_UNDER_QUOTAS = Runtime.getRuntime().availableProcessors();

    private final FunctionSpec spec;
    private final String arn;
    private final Map<String, String> environment;
    private final FunctionLogs logs;
    private final Duration maxWait;
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final Deque<CompletableFuture<FunctionInstance>> waiters = new ArrayDeque<>();
    private final ExecutorService starter;
    private final InstanceClassLoader.SharedLibraries libraries;
    private final Object scaling = new Object();
    private final int maxParallelStarts;
    private int live;
    private int starting;
    private final AtomicInteger ordinals = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong coldStarts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final LambdaQuotas.FunctionQuota quota;
    private volatile boolean closed;

    /**
     * @param maxWait           how long a caller waits for a free environment before being throttled
     *                          (Lambda answers TooManyRequestsException)
     * @param maxParallelStarts how many environments may initialise at the same time
     * @param extraClassPath    added to the function's shared libraries after its jar (the fault
     *                          injector, when it is on)
     */
    public FunctionPool(FunctionSpec spec, String arn, Map<String, String> environment, FunctionLogs logs,
                        Duration maxWait, int maxParallelStarts, List<URL> extraClassPath) {
        this(spec, arn, environment, logs, maxWait, maxParallelStarts, extraClassPath, null);
    }

    /**
     * Under AWS's Lambda quotas: an invoke without a concurrency permit, or one that needs a new
     * environment beyond the scaling rate, is throttled at once (Lambda does not queue a
     * synchronous invoke). The quota counts AWS's environments; the pool runs the admitted
     * invocations on its own, at most {@code spec.concurrency()}, and starts them in parallel, one
     * per core (Lambda gives each its own CPU; more inits at once than cores would each take longer
     * than in AWS, and overrun the init limit).
     *
     * @param quota the function's quota ({@link LambdaQuotas#function}); null for none
     */
    public FunctionPool(FunctionSpec spec, String arn, Map<String, String> environment, FunctionLogs logs,
                        Duration maxWait, int maxParallelStarts, List<URL> extraClassPath,
                        LambdaQuotas.FunctionQuota quota) {
        this.quota = quota;
        this.spec = spec;
        this.arn = arn;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
        this.maxWait = maxWait;
        this.maxParallelStarts = maxParallelStarts;
        this.libraries = new InstanceClassLoader.SharedLibraries(spec.logicalId() + "-libraries",
                RuntimeJars.toUrl(spec.code()), extraClassPath);
        this.starter = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "start-" + spec.logicalId());
            thread.setDaemon(true);
            return thread;
        });
    }

    public FunctionSpec spec() {
        return spec;
    }

    public Invocation invoke(String payload) {
        return invoke(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the function once on a free environment, starting one if none is idle. */
    @Override
    public Invocation invoke(byte[] payload) {
        if (closed) {
            throw new IllegalStateException(spec.logicalId() + " is stopped");
        }
        if (quota != null && !quota.tryEnter()) {
            return throttled();
        }
        try {
            return invokeOn(payload);
        } finally {
            if (quota != null) {
                quota.exit();
            }
        }
    }

    private Invocation throttled() {
        throttles.incrementAndGet();
        return Invocation.throttled();
    }

    private Invocation invokeOn(byte[] payload) {
        FunctionInstance instance = acquire();
        if (instance == null) {
            return throttled();
        }
        Invocation invocation = instance.invoke(payload, UUID.randomUUID().toString(), instance.takeFreshness());
        invocations.incrementAndGet();
        if (!invocation.succeeded()) {
            errors.incrementAndGet();
        }
        if (instance.broken() || closed) {
            retire(instance);
        } else {
            release(instance);
        }
        return invocation;
    }

    /**
     * An idle environment, first come first served: callers that arrive while others wait queue
     * behind them instead of taking the next free environment from under them.
     *
     * @return null when none became free within maxWait
     */
    private FunctionInstance acquire() {
        CompletableFuture<FunctionInstance> turn;
        synchronized (scaling) {
            if (!idle.isEmpty() && waiters.isEmpty()) {
                return idle.pop();
            }
            turn = new CompletableFuture<>();
            waiters.addLast(turn);
            scaleUp();
        }
        try {
            return turn.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (scaling) {
                waiters.remove(turn);
                // An environment may have been handed over in the same instant: keep it.
                return turn.complete(null) ? null : turn.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (scaling) {
                waiters.remove(turn);
                if (!turn.complete(null)) {
                    release(turn.join());
                }
            }
            throw new IllegalStateException("interrupted while waiting for " + spec.logicalId(), e);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** Hands a free environment to the longest waiting caller, or keeps it idle. */
    private void release(FunctionInstance instance) {
        synchronized (scaling) {
            for (CompletableFuture<FunctionInstance> waiter; (waiter = waiters.pollFirst()) != null; ) {
                if (waiter.complete(instance)) {
                    return;
                }
            }
            idle.push(instance);
        }
    }

    /** Starts environments in the background while callers wait and there is room. Holds the lock. */
    private void scaleUp() {
        int ceiling = spec.concurrency();
        int parallel = quota == null ? maxParallelStarts : PARALLEL_STARTS_UNDER_QUOTAS;
        while (live + starting < ceiling && starting < parallel && starting < waiters.size() && !closed) {
            starting++;
            starter.submit(this::coldStart);
        }
    }

    private void coldStart() {
        int ordinal = ordinals.incrementAndGet();
        FunctionInstance instance;
        try {
            instance = FunctionInstance.start(spec, arn, environment, ordinal, logs, libraries);
        } catch (RuntimeException e) {
            LOG.error("{} could not start: {}", spec.logicalId(), e.getMessage());
            synchronized (scaling) {
                starting--;
                // Nobody can be served if no environment starts: fail the waiters now, with the reason.
                if (live == 0) {
                    for (CompletableFuture<FunctionInstance> waiter; (waiter = waiters.pollFirst()) != null; ) {
                        waiter.completeExceptionally(e);
                    }
                }
            }
            return;
        }
        coldStarts.incrementAndGet();
        LOG.info("cold start: {} environment #{} initialised in {} ms", spec.logicalId(), ordinal,
                instance.initDuration().toMillis());
        synchronized (scaling) {
            starting--;
            live++;
            release(instance);
            scaleUp();
        }
    }

    /** A new environment of this function outside the pool, for tests that drive its lifecycle. */
    FunctionInstance startEnvironment() {
        return FunctionInstance.start(spec, arn, environment, ordinals.incrementAndGet(), logs, libraries);
    }

    private void retire(FunctionInstance instance) {
        synchronized (scaling) {
            live--;
            scaleUp();
        }
        instance.close();
    }

    public long invocations() {
        return invocations.get();
    }

    public long coldStarts() {
        return coldStarts.get();
    }

    public long errors() {
        return errors.get();
    }

    public long throttles() {
        return throttles.get();
    }

    public int environments() {
        synchronized (scaling) {
            return live;
        }
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        try {
            libraries.close();
        } catch (IOException e) {
            // the jar stays open until the JVM exits
        }
        synchronized (scaling) {
            for (FunctionInstance instance; (instance = idle.pollFirst()) != null; ) {
                instance.close();
            }
            for (CompletableFuture<FunctionInstance> waiter; (waiter = waiters.pollFirst()) != null; ) {
                waiter.completeExceptionally(new IllegalStateException(spec.logicalId() + " is stopped"));
            }
        }
    }
}
