package com.rushgate.ingest;

import com.rushgate.core.config.Env;
import java.time.Duration;

/**
 * Everything Ingest reads from its environment, checked at init.
 *
 * @param requestTable     REQUEST_TABLE
 * @param eventTable       EVENT_TABLE
 * @param queueUrl         QUEUE_URL, the main work queue
 * @param eventCacheTtl    EVENT_CACHE_SECONDS: how long event definitions stay cached in a container
 * @param idempotencyTtl   IDEMPOTENCY_TTL_SECONDS: how long a container replays an answer from its memory
 * @param userKeySecret    USER_KEY_SECRET: the key of the user hash (at least 32 bytes)
 * @param metricsNamespace POWERTOOLS_METRICS_NAMESPACE
 * @param serviceName      POWERTOOLS_SERVICE_NAME
 * @param arrivalShards    ARRIVAL_SHARDS: partitions of the arrival index per event
 * @param writeTimeout     ARRIVAL_WRITE_TIMEOUT_MS: the bound on the RECEIVED put, retries included; the
 *                         worker's settle window is longer
 */
record IngestConfig(String requestTable, String eventTable, String queueUrl,
                    Duration eventCacheTtl, Duration idempotencyTtl, byte[] userKeySecret,
                    String metricsNamespace, String serviceName, int arrivalShards, Duration writeTimeout) {

    static IngestConfig from(Env env) {
        return new IngestConfig(
                env.require("REQUEST_TABLE"),
                env.require("EVENT_TABLE"),
                env.requireUri("QUEUE_URL").toString(),
                env.requireSeconds("EVENT_CACHE_SECONDS", 0, 300),
                env.requireSeconds("IDEMPOTENCY_TTL_SECONDS", 1, 86_400),
                env.requireSecret("USER_KEY_SECRET", 32),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                Duration.ofMillis(env.requireInt("ARRIVAL_WRITE_TIMEOUT_MS", 100, 10_000)));
    }
}
