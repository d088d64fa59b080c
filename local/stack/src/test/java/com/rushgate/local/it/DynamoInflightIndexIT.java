package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoInflightIndex;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.contract.InflightIndexContract;

/** The in-flight index contract against the RequestTable's InflightIndex GSI in DynamoDB Local. */
class DynamoInflightIndexIT extends InflightIndexContract {

    @Override
    protected Parts createParts() {
        var stack = SharedStack.get();
        String table = Tables.requestTable(stack);
        var dynamoDb = stack.clients().dynamoDb();
        return new Parts(new DynamoRequestStore(dynamoDb, table, Tables.arrivalShards(SharedStack.get())),
                new DynamoInflightIndex(dynamoDb, table, stack.model().functionWithHandler("com.rushgate.redrive.ReconcileHandler").environment()
                        .get("INFLIGHT_INDEX")));
    }
}
