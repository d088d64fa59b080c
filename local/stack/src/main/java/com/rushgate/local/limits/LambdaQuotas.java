package com.rushgate.local.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lambda's quotas for one local stack, scaled: the account's concurrent executions (a function with
 * reserved concurrency has its own share, the others share what is left), each function's scaling
 * rate (new execution environments per 10 seconds) and the SQS event source's ramp (a few
 * concurrent batches at first, more every minute, up to MaximumConcurrency). A refused invoke is
 * Lambda's throttle (TooManyRequestsException), and counted. The template's own settings
 * (reserved concurrency, MaximumConcurrency) are not scaled: they are capped by the scaled quotas.
 */
public final class LambdaQuotas {

    /** Lambda keeps 100 of the account's concurrency unreserved, whatever is reserved. */
    private static final int UNRESERVED_MINIMUM = 100;

    private final AwsLimits limits;
    private final LongSupplier nanos;
    private final Semaphore unreserved;
    private final Map<String, FunctionQuota> functions = new HashMap<>();
    private final AtomicLong throttles = new AtomicLong();

    /** @param reserved per function logical id, the template's ReservedConcurrentExecutions (only those that set it) */
    public LambdaQuotas(AwsLimits limits, Map<String, Integer> reserved, LongSupplier nanos) {
        this.limits = limits;
        this.nanos = nanos;
        int account = limits.accountConcurrency();
        int reservedTotal = 0;
        for (Map.Entry<String, Integer> entry : reserved.entrySet()) {
            int share = Math.min(entry.getValue(), Math.max(0, account - limits.count(UNRESERVED_MINIMUM) - reservedTotal));
            reservedTotal += share;
            functions.put(entry.getKey(), new FunctionQuota(new Semaphore(share), share));
        }
        this.unreserved = new Semaphore(account - reservedTotal);
    }

    /** The quota of one function: its reserved share, or the account's unreserved pool. */
    public synchronized FunctionQuota function(String logicalId) {
        return functions.computeIfAbsent(logicalId, id -> new FunctionQuota(unreserved, unreserved.availablePermits()));
    }

    /** Invokes refused for concurrency or scaling, over every function. */
    public long throttles() {
        return throttles.get();
    }

    /**
     * How many batches an SQS event source mapping may process at once now: it starts with
     * {@link AwsLimits#SQS_INITIAL_CONCURRENT_BATCHES} and adds {@link AwsLimits#SQS_ADDED_BATCHES_PER_MINUTE}
     * per minute once messages arrive, up to its MaximumConcurrency (both scaled, at least 1).
     *
     * @param busySince when the mapping first found messages, in the clock's nanoseconds; a
     *                  negative value means not yet
     */
    public int eventSourceBatches(int maximumConcurrency, long busySince) {
        int initial = limits.count(AwsLimits.SQS_INITIAL_CONCURRENT_BATCHES);
        int ceiling = Math.min(maximumConcurrency, limits.count(AwsLimits.SQS_MAXIMUM_CONCURRENT_BATCHES));
        if (busySince < 0) {
            return Math.min(initial, ceiling);
        }
        double minutes = Math.max(0, nanos.getAsLong() - busySince) / 60e9;
        long added = (long) Math.floor(minutes * limits.sqsAddedBatchesPerMinute());
        return (int) Math.min(ceiling, initial + added);
    }

    public LongSupplier clock() {
        return nanos;
    }

    /**
     * One function's concurrency (permits held while an invocation runs) and its execution
     * environments: an invocation runs on one of the environments the function has started (Lambda
     * keeps them warm), and one that finds them all busy needs a new one, which the scaling rate
     * allows or throttles. The environments counted here are AWS's; the local pool runs the
     * invocations on as few real ones as the machine can start.
     */
    public final class FunctionQuota {

        private final Semaphore concurrency;
        private final int maximum;
        private final double scalingRatePerSecond;
        private final double scalingBurst;
        private double scalingTokens;
        private long last;
        private int inUse;
        private int environments;

        private FunctionQuota(Semaphore concurrency, int maximum) {
            this.concurrency = concurrency;
            this.maximum = maximum;
            this.scalingBurst = limits.count(AwsLimits.SCALING_ENVIRONMENTS_PER_10_SECONDS);
            this.scalingRatePerSecond = scalingBurst / 10.0;
            this.scalingTokens = scalingBurst;
            this.last = nanos.getAsLong();
        }

        /** Concurrent executions this function may reach. */
        public int maximum() {
            return maximum;
        }

        /**
         * Admits one invocation: a concurrency permit, and an environment, a warm one or a new one
         * the scaling rate allows. False: throttled (and counted); nothing is held.
         */
        public boolean tryEnter() {
            if (!concurrency.tryAcquire()) {
                throttles.incrementAndGet();
                return false;
            }
            synchronized (this) {
                if (inUse < environments || tryNewEnvironment()) {
                    environments = Math.max(environments, inUse + 1);
                    inUse++;
                    return true;
                }
            }
            concurrency.release();
            return false;
        }

        /** Ends an invocation that {@link #tryEnter} admitted; its environment stays warm. */
        public void exit() {
            synchronized (this) {
                inUse--;
            }
            concurrency.release();
        }

        /** Execution environments this function has started, as Lambda would count them. */
        public synchronized int environments() {
            return environments;
        }

        /** Whether one more execution environment may start now; false: throttled (and counted). */
        public synchronized boolean tryNewEnvironment() {
            long now = nanos.getAsLong();
            scalingTokens = Math.min(scalingBurst, scalingTokens + Math.max(0, now - last) / 1e9 * scalingRatePerSecond);
            last = Math.max(last, now);
            if (scalingTokens >= 1) {
                scalingTokens -= 1;
                return true;
            }
            throttles.incrementAndGet();
            return false;
        }
    }
}
