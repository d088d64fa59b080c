package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.contract.StockAllocatorContract;
import com.rushgate.core.domain.Event;

/** The StockAllocator contract against DynamoDB Local's TransactWriteItems. */
class DynamoStockAllocatorIT extends StockAllocatorContract {

    @Override
    protected Parts createParts() {
        var stack = SharedStack.get();
        String requestTable = Tables.requestTable(stack);
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        DynamoEventCatalog events = new DynamoEventCatalog(stack.clients().dynamoDb(), eventTable);
        return new Parts(Tables.requestStore(stack),
                new DynamoStockAllocator(stack.clients().dynamoDb(), eventTable, requestTable),
                new EventWriter() {
                    @Override
                    public void create(Event event) {
                        events.create(event);
                    }

                    @Override
                    public int remaining(String eventId) {
                        return events.find(eventId).orElseThrow().remaining();
                    }
                });
    }
}
