package com.rushgate.local.it;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.contract.RequestStoreContract;

/** The RequestStore contract against the RequestTable in DynamoDB Local, created from template.yaml. */
class DynamoRequestStoreIT extends RequestStoreContract {

    @Override
    protected RequestStore createStore() {
        var stack = SharedStack.get();
        return Tables.requestStore(stack);
    }
}
