package com.rushgate.core.contract;

import com.rushgate.core.domain.Event;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryStockAllocatorTest extends StockAllocatorContract {

    @Override
    protected Parts createParts() {
        InMemoryRequestStore requests = new InMemoryRequestStore();
        InMemoryEvents events = new InMemoryEvents(requests);
        return new Parts(requests, events, new EventWriter() {
            @Override
            public void create(Event event) {
                events.put(event);
            }

            @Override
            public int remaining(String eventId) {
                return events.find(eventId).orElseThrow().remaining();
            }
        });
    }
}
