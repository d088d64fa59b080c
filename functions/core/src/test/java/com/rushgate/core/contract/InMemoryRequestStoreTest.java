package com.rushgate.core.contract;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.testing.InMemoryRequestStore;

class InMemoryRequestStoreTest extends RequestStoreContract {

    @Override
    protected RequestStore createStore() {
        return new InMemoryRequestStore();
    }
}
