package com.rushgate.status;

import com.rushgate.core.config.Env;

/**
 * Everything Status reads from its environment, checked at init.
 *
 * @param requestTable  REQUEST_TABLE
 * @param arrivalShards ARRIVAL_SHARDS: partitions of the arrival index per event, as Ingest writes them
 */
record StatusConfig(String requestTable, int arrivalShards) {

    static StatusConfig from(Env env) {
        return new StatusConfig(env.require("REQUEST_TABLE"), env.requireInt("ARRIVAL_SHARDS", 1, 100));
    }
}
