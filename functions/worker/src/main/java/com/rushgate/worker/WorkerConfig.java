package com.rushgate.worker;

import com.rushgate.core.app.AllocationPolicy;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.config.Env;
import java.time.Duration;

/**
 * Everything the worker reads from its environment, checked at init.
 *
 * @param requestTable     REQUEST_TABLE
 * @param eventTable       EVENT_TABLE
 * @param deadLetterQueue  DLQ_URL: where final errors and unreadable messages go at once
 * @param policy           LEASE_SECONDS and MAX_RECEIVE_COUNT (the queue's RedrivePolicy)
 * @param parallelism      WORKER_PARALLELISM: records of one batch decided at the same time
 * @param eventCacheTtl    EVENT_CACHE_SECONDS
 * @param metricsNamespace POWERTOOLS_METRICS_NAMESPACE
 * @param serviceName      POWERTOOLS_SERVICE_NAME
 * @param queueUrl         QUEUE_URL: the work queue, where a request still waiting for its turn on its last
 *                         delivery is sent again
 * @param arrivalIndex     ARRIVAL_INDEX: the RequestTable's arrival index
 * @param arrivalShards    ARRIVAL_SHARDS: its partitions per event, as Ingest writes them
 * @param allocation       ARRIVAL_SETTLE_MS (at least ARRIVAL_WRITE_TIMEOUT_MS + 250 ms) and
 *                         ALLOCATOR_LEASE_MS; a delivery waits for its turn at most half of LEASE_SECONDS
 */
record WorkerConfig(String requestTable, String eventTable, String deadLetterQueue, WorkerPolicy policy,
                    int parallelism, Duration eventCacheTtl, String metricsNamespace, String serviceName,
                    String queueUrl, String arrivalIndex, int arrivalShards, AllocationPolicy allocation) {

    /** Clock skew between functions and the index's propagation delay, beyond Ingest's write bound. */
    static final Duration MIN_SETTLE_MARGIN = Duration.ofMillis(250);

    static WorkerConfig from(Env env) {
        WorkerPolicy policy = new WorkerPolicy(env.requireSeconds("LEASE_SECONDS", 1, 900),
                env.requireInt("MAX_RECEIVE_COUNT", 1, 1000));
        Duration writeTimeout = Duration.ofMillis(env.requireInt("ARRIVAL_WRITE_TIMEOUT_MS", 100, 10_000));
        Duration settle = Duration.ofMillis(env.requireInt("ARRIVAL_SETTLE_MS", 0, 60_000));
        if (settle.compareTo(writeTimeout.plus(MIN_SETTLE_MARGIN)) < 0) {
            throw new ConfigurationException("environment variable ARRIVAL_SETTLE_MS (" + settle.toMillis()
                    + ") must be at least ARRIVAL_WRITE_TIMEOUT_MS (" + writeTimeout.toMillis() + ") + "
                    + MIN_SETTLE_MARGIN.toMillis() + " ms, or a late write could lose its place");
        }
        Duration lease = Duration.ofMillis(env.requireInt("ALLOCATOR_LEASE_MS", 500, 60_000));
        return new WorkerConfig(
                env.require("REQUEST_TABLE"),
                env.require("EVENT_TABLE"),
                env.requireUri("DLQ_URL").toString(),
                policy,
                env.requireInt("WORKER_PARALLELISM", 1, 64),
                env.requireSeconds("EVENT_CACHE_SECONDS", 0, 300),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"),
                env.requireUri("QUEUE_URL").toString(),
                env.require("ARRIVAL_INDEX"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                new AllocationPolicy(settle, lease, AllocationPolicy.MAX_BATCH, policy.lease().dividedBy(2),
                        env.requireSeconds("EVENT_CACHE_SECONDS", 0, 300)));
    }
}
