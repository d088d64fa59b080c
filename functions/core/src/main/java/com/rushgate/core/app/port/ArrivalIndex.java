package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.ArrivalKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The line of requests that await an ordered decision: every request of an event from the moment
 * Ingest records it until it is SUCCEEDED or REJECTED (a FAILED_FINAL request keeps its place).
 *
 * <p>The index is eventually consistent: a request written a moment ago may not be in it yet, and
 * one decided a moment ago may still be. Callers read only up to a watermark far enough in the past
 * (the settle window) and never trust it for whether a request is decided.
 *
 * @throws RetryableException when the index throttles or times out
 */
public interface ArrivalIndex {

    /**
     * The first {@code limit} arrivals of {@code eventId} after {@code cursor} (all of them when
     * empty) and accepted at or before {@code upTo}, in arrival order.
     */
    List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit);

    /**
     * Every arrival of {@code eventId} still in the line, in no particular order, page by page with
     * memory bounded by a page: a raffle's draw reads its entries this way. {@code entered} is
     * what the index shows (it may lag a moment behind the table).
     */
    void forEach(String eventId, Consumer<Arrival> action);

    /** One arrival as the index shows it: its key, and whether it is a raffle entry waiting for its draw. */
    record Arrival(ArrivalKey key, boolean entered) {
    }
}
