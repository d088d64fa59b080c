package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoArrivalIndex;
import com.rushgate.core.aws.DynamoStockLedger;
import com.rushgate.core.contract.ArrivalLedgerContract;

/**
 * The arrival index and the stock ledger against DynamoDB Local: the template's ArrivalIndex GSI,
 * TransactWriteItems with cancellation reasons, conditional updates of the event item.
 */
class DynamoArrivalLedgerIT extends ArrivalLedgerContract {

    @Override
    protected Parts createParts() {
        var stack = SharedStack.get();
        var dynamoDb = stack.clients().dynamoDb();
        String requestTable = Tables.requestTable(stack);
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        return new Parts(Tables.requestStore(stack),
                new DynamoArrivalIndex(dynamoDb, requestTable, stack.model().functionVariable("ARRIVAL_INDEX"),
                        Tables.arrivalShards(stack)),
                new DynamoStockLedger(dynamoDb, eventTable, requestTable),
                SharedStack.events(stack)::create);
    }
}
