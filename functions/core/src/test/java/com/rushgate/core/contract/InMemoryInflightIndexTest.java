package com.rushgate.core.contract;

import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryInflightIndexTest extends InflightIndexContract {

    @Override
    protected Parts createParts() {
        InMemoryRequestStore store = new InMemoryRequestStore();
        return new Parts(store, store);
    }
}
