package com.rushgate.local.lambda;

import com.rushgate.local.template.StackModel.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environments of one function: at most {@code concurrency} of them (its reserved
 * concurrency, or the local default), each serving one invocation at a time. A new environment is
 * a cold start and its init time is logged; an environment that timed out is thrown away.
 */
public final class FunctionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionPool.class);

    private final FunctionSpec spec;
    private final String arn;
    private final Map<String, String> environment;
    private final FunctionLogs logs;
    private final Semaphore permits;
    private final Duration maxWait;
    private final ConcurrentLinkedDeque<FunctionInstance> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger ordinals = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong coldStarts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param maxWait how long a caller waits for a free environment before being throttled, like
     *                a synchronous caller that Lambda would answer with TooManyRequestsException
     */
    public FunctionPool(FunctionSpec spec, String arn, Map<String, String> environment, FunctionLogs logs,
                        Duration maxWait) {
        this.spec = spec;
        this.arn = arn;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
        this.permits = new Semaphore(spec.concurrency(), true);
        this.maxWait = maxWait;
    }

    public FunctionSpec spec() {
        return spec;
    }

    public Invocation invoke(String payload) {
        return invoke(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the function once on a free environment, starting one if none is idle. */
    public Invocation invoke(byte[] payload) {
        if (closed) {
            throw new IllegalStateException(spec.logicalId() + " is stopped");
        }
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throttles.incrementAndGet();
                return new Invocation(("{\"errorType\":\"" + Invocation.THROTTLED + "\",\"errorMessage\":\"Rate Exceeded.\"}")
                        .getBytes(StandardCharsets.UTF_8), Invocation.THROTTLED, false, Duration.ZERO);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.logicalId(), e);
        }
        try {
            FunctionInstance instance = idle.pollFirst();
            boolean cold = instance == null;
            if (cold) {
                instance = coldStart();
            }
            Invocation invocation = instance.invoke(payload, UUID.randomUUID().toString(), cold);
            invocations.incrementAndGet();
            if (!invocation.succeeded()) {
                errors.incrementAndGet();
            }
            if (instance.broken() || closed) {
                live.decrementAndGet();
                instance.close();
            } else {
                idle.offerFirst(instance);
            }
            return invocation;
        } finally {
            permits.release();
        }
    }

    private FunctionInstance coldStart() {
        int ordinal = ordinals.incrementAndGet();
        FunctionInstance instance = FunctionInstance.start(spec, arn, environment, ordinal, logs);
        live.incrementAndGet();
        coldStarts.incrementAndGet();
        LOG.info("cold start: {} environment #{} initialised in {} ms", spec.logicalId(), ordinal,
                instance.initDuration().toMillis());
        return instance;
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
        return live.get();
    }

    @Override
    public void close() {
        closed = true;
        for (FunctionInstance instance; (instance = idle.pollFirst()) != null; ) {
            instance.close();
        }
    }
}
