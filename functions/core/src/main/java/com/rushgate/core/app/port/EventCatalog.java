package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.Event;
import java.util.Optional;

/**
 * Event definitions. Reads may be a few seconds stale (callers cache them); a unit of stock is
 * never granted from what this returns, only by {@link StockAllocator}. A remaining of zero may
 * reject at once: stock only goes down, so a stale zero is still zero.
 *
 * @throws RetryableException when the table throttles or times out
 */
public interface EventCatalog {

    Optional<Event> find(String eventId);

    /**
     * The event as the table holds it now: strongly consistent, never from a cache. For the rare
     * decisions that must see the latest state (a raffle's draw, an entry that reaches a worker
     * after its raffle's draw may have run). A catalog that reads consistently and keeps no cache
     * needs nothing more than {@link #find}; the cache and the DynamoDB catalog override it.
     */
    default Optional<Event> findLatest(String eventId) {
        return find(eventId);
    }
}
