package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.StatusChange;
import java.util.List;

/**
 * Where the Tally function adds the changes of the RequestTable's stream to an event's counters
 * ({@link EventCounts} reads them).
 */
public interface CountsLedger {

    /**
     * Adds {@code changes} (all of {@code eventId}, all from stream shard {@code shardId}, in the
     * shard's order) to the event's counters. Idempotent per shard: the changes up to the last
     * sequence number already applied from that shard are skipped, so a batch delivered again, or
     * again with more records after it, counts each change once.
     *
     * @return how many writes it took (transactions; 0 when everything was applied already)
     * @throws RetryableException when the store fails; nothing of the failed write is counted
     */
    int apply(String eventId, String shardId, List<StatusChange> changes);
}
