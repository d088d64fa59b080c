package com.rushgate.worker;

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
 */
record WorkerConfig(String requestTable, String eventTable, String deadLetterQueue, WorkerPolicy policy,
                    int parallelism, Duration eventCacheTtl, String metricsNamespace, String serviceName) {

    static WorkerConfig from(Env env) {
        return new WorkerConfig(
                env.require("REQUEST_TABLE"),
                env.require("EVENT_TABLE"),
                env.requireUri("DLQ_URL").toString(),
                new WorkerPolicy(env.requireSeconds("LEASE_SECONDS", 1, 900), env.requireInt("MAX_RECEIVE_COUNT", 1, 1000)),
                env.requireInt("WORKER_PARALLELISM", 1, 64),
                env.requireSeconds("EVENT_CACHE_SECONDS", 0, 300),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"));
    }
}
