package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoManagedEvents;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.contract.ManagedEventsContract;

/** The operators' guarded changes against the EventTable in DynamoDB Local. */
class DynamoManagedEventsIT extends ManagedEventsContract {

    @Override
    protected Parts createParts() {
        var stack = SharedStack.get();
        String table = stack.model().functionVariable("EVENT_TABLE");
        var dynamoDb = stack.clients().dynamoDb();
        return new Parts(new DynamoManagedEvents(dynamoDb, table), new DynamoRaffles(dynamoDb, table));
    }
}
