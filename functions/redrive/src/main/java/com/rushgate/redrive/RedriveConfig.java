package com.rushgate.redrive;

import com.rushgate.core.config.Env;

/**
 * Everything the Redrive function reads from its environment, checked at init.
 *
 * @param requestTable     REQUEST_TABLE
 * @param arrivalShards    ARRIVAL_SHARDS: partitions of the arrival index per event, as Ingest writes them
 * @param deadLetterQueue  DLQ_URL: where the messages to redrive are
 * @param queueUrl         QUEUE_URL: the work queue they go back to
 * @param metricsNamespace POWERTOOLS_METRICS_NAMESPACE
 * @param serviceName      POWERTOOLS_SERVICE_NAME
 */
record RedriveConfig(String requestTable, int arrivalShards, String deadLetterQueue, String queueUrl,
                     String metricsNamespace, String serviceName) {

    static RedriveConfig from(Env env) {
        return new RedriveConfig(
                env.require("REQUEST_TABLE"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                env.requireUri("DLQ_URL").toString(),
                env.requireUri("QUEUE_URL").toString(),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"));
    }
}
