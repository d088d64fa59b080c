package com.rushgate.tally;

import com.rushgate.core.app.CountDeltas;
import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.port.CountsLedger;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds one stream batch to the counters: the changes of each event go to the ledger together
 * (one write per event, usually). An event whose write fails does not stop the others; the batch
 * then reports its earliest change that was not applied, so the stream delivers it again from there
 * and the ledger skips what it applied already.
 */
final class Tally {

    private static final Logger LOG = LoggerFactory.getLogger(Tally.class);

    /**
     * @param firstFailure the sequence number (as the stream wrote it) to deliver again from, or null
     * @param events       events the batch changed
     * @param writes       writes the ledger made
     */
    record Outcome(String firstFailure, int events, int writes) {
    }

    private final CountsLedger ledger;

    Tally(CountsLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    Outcome apply(StreamBatch batch) {
        BigInteger firstFailure = null;
        int writes = 0;
        Map<String, List<StatusChange>> byEvent = CountDeltas.byEvent(batch.changes());
        for (Map.Entry<String, List<StatusChange>> event : byEvent.entrySet()) {
            List<StatusChange> changes = event.getValue();
            try {
                writes += ledger.apply(event.getKey(), batch.shardId(), changes);
            } catch (RuntimeException e) {
                LOG.warn("counts of event {} not updated from shard {}; the batch is delivered again from {}: {}",
                        event.getKey(), batch.shardId(), changes.get(0).sequenceNumber(), e.toString());
                BigInteger first = changes.get(0).sequenceNumber();
                firstFailure = firstFailure == null || first.compareTo(firstFailure) < 0 ? first : firstFailure;
            }
        }
        LOG.info("tally: {} records, {} changes of {} events from shard {} applied in {} writes{}", batch.records(),
                batch.changes().size(), byEvent.size(), batch.shardId(), writes,
                firstFailure == null ? "" : "; delivered again from " + firstFailure);
        return new Outcome(firstFailure == null ? null : batch.sequences().get(firstFailure), byEvent.size(), writes);
    }
}
