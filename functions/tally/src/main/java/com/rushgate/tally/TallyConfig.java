package com.rushgate.tally;

import com.rushgate.core.config.Env;

/**
 * Everything the Tally function reads from its environment, checked at init.
 *
 * @param countsTable COUNTS_TABLE: where each event's counters are kept
 */
record TallyConfig(String countsTable) {

    static TallyConfig from(Env env) {
        return new TallyConfig(env.require("COUNTS_TABLE"));
    }
}
