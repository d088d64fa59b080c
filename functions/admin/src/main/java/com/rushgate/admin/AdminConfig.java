package com.rushgate.admin;

import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.config.Env;
import java.time.Duration;

/**
 * Everything the admin function reads from its environment, checked at init.
 *
 * @param eventTable       EVENT_TABLE: the events, their seeds and counters
 * @param countsTable      COUNTS_TABLE: each event's counts, as the Tally function keeps them
 * @param requestTable     REQUEST_TABLE
 * @param arrivalIndex     ARRIVAL_INDEX: the RequestTable's arrival index, where a raffle's entries are
 * @param inflightIndex    INFLIGHT_INDEX: the RequestTable's in-flight index, for the queue's oldest request
 * @param arrivalShards    ARRIVAL_SHARDS: partitions of the arrival index per event, as Ingest writes them
 * @param queueUrl         QUEUE_URL: the work queue (depths, redriven requests, a draw's decisions)
 * @param deadLetterQueue  DLQ_URL
 * @param analyticsBucket  ANALYTICS_BUCKET: where draws are published
 * @param drawPolicy       ARRIVAL_SETTLE_MS (a draw waits for it after the close) and DRAW_RESEND_AFTER_SECONDS
 * @param metricsNamespace POWERTOOLS_METRICS_NAMESPACE
 * @param serviceName      POWERTOOLS_SERVICE_NAME
 */
record AdminConfig(String eventTable, String countsTable, String requestTable, String arrivalIndex, String inflightIndex, int arrivalShards,
                   String queueUrl, String deadLetterQueue, String analyticsBucket, DrawPolicy drawPolicy,
                   String metricsNamespace, String serviceName) {

    static AdminConfig from(Env env) {
        return new AdminConfig(
                env.require("EVENT_TABLE"),
                env.require("COUNTS_TABLE"),
                env.require("REQUEST_TABLE"),
                env.require("ARRIVAL_INDEX"),
                env.require("INFLIGHT_INDEX"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                env.requireUri("QUEUE_URL").toString(),
                env.requireUri("DLQ_URL").toString(),
                env.require("ANALYTICS_BUCKET"),
                new DrawPolicy(Duration.ofMillis(env.requireInt("ARRIVAL_SETTLE_MS", 0, 60_000)),
                        env.requireSeconds("DRAW_RESEND_AFTER_SECONDS", 1, 86_400)),
                env.require("POWERTOOLS_METRICS_NAMESPACE"),
                env.require("POWERTOOLS_SERVICE_NAME"));
    }
}
