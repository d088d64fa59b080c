package com.rushgate.redrive;

import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.config.Env;

/**
 * Everything the reconciler reads from its environment, checked at init.
 *
 * @param requestTable     REQUEST_TABLE
 * @param inflightIndex    INFLIGHT_INDEX: the RequestTable's index of requests not final yet
 * @param arrivalShards    ARRIVAL_SHARDS: partitions of the arrival index per event, as Ingest writes them
 * @param queueUrl         QUEUE_URL: where a request whose message was lost is sent again
 * @param deadLetterQueue  DLQ_URL: where a request whose attempts are used up goes
 * @param policy           RECONCILE_RECEIVED_AFTER_SECONDS, RECONCILE_STALE_AFTER_SECONDS,
 *                         RECONCILE_MAX_ATTEMPTS and RECONCILE_MAX_PER_RUN
 * @param metricsNamespace POWERTOOLS_METRICS_NAMESPACE
 * @param serviceName      POWERTOOLS_SERVICE_NAME
 * @param draws            what the due draws read, as the Draw function reads it ({@link DrawConfig})
 */
record ReconcileConfig(String requestTable, String inflightIndex, int arrivalShards, String queueUrl,
                       String deadLetterQueue, ReconcilePolicy policy, String metricsNamespace, String serviceName,
                       DrawConfig draws) {

    static ReconcileConfig from(Env env) {
        return new ReconcileConfig(
                env.require("REQUEST_TABLE"),
                env.require("INFLIGHT_INDEX"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                env.requireUri("QUEUE_URL").toString(),
                env.requireUri("DLQ_URL").toString(),
                new ReconcilePolicy(
                        env.requireSeconds("RECONCILE_RECEIVED_AFTER_SECONDS", 1, 86_400),
                        env.requireSeconds("RECONCILE_STALE_AFTER_SECONDS", 1, 7 * 86_400),
                        env.requireInt("RECONCILE_MAX_ATTEMPTS", 1, 1000),
                        env.requireInt("RECONCILE_MAX_PER_RUN", 1, 100_000)),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"),
                DrawConfig.from(env));
    }
}
