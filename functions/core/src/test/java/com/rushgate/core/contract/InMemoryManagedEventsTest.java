package com.rushgate.core.contract;

import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryManagedEventsTest extends ManagedEventsContract {

    @Override
    protected Parts createParts() {
        InMemoryEvents events = new InMemoryEvents(new InMemoryRequestStore());
        return new Parts(events, events);
    }
}
