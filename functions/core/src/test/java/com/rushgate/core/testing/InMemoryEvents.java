package com.rushgate.core.testing;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory events and FCFS stock; the allocation is atomic like the DynamoDB transaction. */
public final class InMemoryEvents implements EventCatalog, StockAllocator {

    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final InMemoryRequestStore requests;
    private final AtomicInteger reads = new AtomicInteger();

    public InMemoryEvents(InMemoryRequestStore requests) {
        this.requests = requests;
    }

    public void put(Event event) {
        events.put(event.eventId(), event);
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public Optional<Event> find(String eventId) {
        reads.incrementAndGet();
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public Allocation allocate(ParticipationRequest claimed, Instant now) {
        synchronized (requests) {
            ParticipationRequest current = requests.find(claimed.requestId()).orElse(null);
            if (current == null || !Transition.SUCCEED.allows(current, now, claimed.attempts(), -1)) {
                return Allocation.SUPERSEDED;
            }
            Event event = events.get(claimed.eventId());
            if (event == null || event.remaining() == 0) {
                return Allocation.SOLD_OUT;
            }
            events.put(event.eventId(), new Event(event.eventId(), event.type(), event.capacity(),
                    event.remaining() - 1, event.opensAt(), event.closesAt()));
            requests.succeedLocked(claimed, now);
            return Allocation.ALLOCATED;
        }
    }
}
