package com.rushgate.core.contract;

import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryArrivalLedgerTest extends ArrivalLedgerContract {

    @Override
    protected Parts createParts() {
        InMemoryRequestStore requests = new InMemoryRequestStore();
        InMemoryEvents events = new InMemoryEvents(requests);
        return new Parts(requests, requests, events, events::put);
    }
}
