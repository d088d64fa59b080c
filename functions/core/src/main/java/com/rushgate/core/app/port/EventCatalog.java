package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.Event;
import java.util.Optional;

/**
 * Event definitions. Reads may be a few seconds stale (callers cache them); stock is never
 * decided from what this returns, only by {@link StockAllocator}.
 *
 * @throws RetryableException when the table throttles or times out
 */
public interface EventCatalog {

    Optional<Event> find(String eventId);
}
