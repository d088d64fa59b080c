package com.rushgate.core.contract;

import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryTransitionEffectTest extends TransitionEffectContract {

    @Override
    protected Parts createParts() {
        InMemoryRequestStore requests = new InMemoryRequestStore();
        InMemoryEvents events = new InMemoryEvents(requests);
        return new Parts(requests, events, events, events::put, requests::stored);
    }
}
