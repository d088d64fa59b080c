package com.rushgate.redrive;

import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.config.Env;
import java.time.Duration;

/**
 * Everything a raffle's draw reads from the environment, checked at init: the Draw function's
 * configuration, and the part of the reconciler's that runs the due draws.
 *
 * @param requestTable    REQUEST_TABLE
 * @param eventTable      EVENT_TABLE: the raffles, their seeds and their draws
 * @param arrivalIndex    ARRIVAL_INDEX: the RequestTable's arrival index, where the entries are
 * @param arrivalShards   ARRIVAL_SHARDS: its partitions per event, as Ingest writes them
 * @param queueUrl        QUEUE_URL: the work queue the entries' decisions go to
 * @param analyticsBucket ANALYTICS_BUCKET: where draws are published
 * @param policy          ARRIVAL_SETTLE_MS (the FCFS settle window, which the draw waits for too, after
 *                        the close) and DRAW_RESEND_AFTER_SECONDS
 */
record DrawConfig(String requestTable, String eventTable, String arrivalIndex, int arrivalShards, String queueUrl,
                  String analyticsBucket, DrawPolicy policy) {

    static DrawConfig from(Env env) {
        return new DrawConfig(
                env.require("REQUEST_TABLE"),
                env.require("EVENT_TABLE"),
                env.require("ARRIVAL_INDEX"),
                env.requireInt("ARRIVAL_SHARDS", 1, 100),
                env.requireUri("QUEUE_URL").toString(),
                env.require("ANALYTICS_BUCKET"),
                new DrawPolicy(Duration.ofMillis(env.requireInt("ARRIVAL_SETTLE_MS", 0, 60_000)),
                        env.requireSeconds("DRAW_RESEND_AFTER_SECONDS", 1, 86_400)));
    }
}
