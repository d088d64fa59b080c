package com.rushgate.events;

import com.rushgate.core.config.Env;
import java.time.Duration;

/**
 * Everything the public event view reads from its environment, checked at init.
 *
 * @param eventTable      EVENT_TABLE
 * @param analyticsBucket ANALYTICS_BUCKET: where the raffles' draws are published
 * @param settle          ARRIVAL_SETTLE_MS: a raffle is drawn this long after it closes (its drawAt)
 * @param eventCacheTtl   EVENT_CACHE_SECONDS: how long a container keeps an event it read
 */
record EventsConfig(String eventTable, String analyticsBucket, Duration settle, Duration eventCacheTtl) {

    static EventsConfig from(Env env) {
        return new EventsConfig(
                env.require("EVENT_TABLE"),
                env.require("ANALYTICS_BUCKET"),
                Duration.ofMillis(env.requireInt("ARRIVAL_SETTLE_MS", 0, 60_000)),
                env.requireSeconds("EVENT_CACHE_SECONDS", 0, 300));
    }
}
