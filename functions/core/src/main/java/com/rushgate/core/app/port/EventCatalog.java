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
}
