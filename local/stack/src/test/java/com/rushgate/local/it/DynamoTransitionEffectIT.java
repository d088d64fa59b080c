package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.aws.DynamoStockLedger;
import com.rushgate.core.aws.RequestItem;
import com.rushgate.core.contract.TransitionEffectContract;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.StoredRequest;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Every transition's update expression against DynamoDB Local: the item after each write is what
 * the domain's effect says, attribute for attribute, exactly as the in-memory fake holds it.
 */
class DynamoTransitionEffectIT extends TransitionEffectContract {

    @Override
    protected Parts createParts() {
        var stack = SharedStack.get();
        DynamoDbClient dynamoDb = stack.clients().dynamoDb();
        String requestTable = Tables.requestTable(stack);
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        return new Parts(Tables.requestStore(stack),
                new DynamoStockAllocator(dynamoDb, eventTable, requestTable),
                new DynamoStockLedger(dynamoDb, eventTable, requestTable),
                SharedStack.events(stack)::create,
                requestId -> stored(dynamoDb, requestTable, requestId));
    }

    private static Optional<StoredRequest> stored(DynamoDbClient dynamoDb, String table, RequestId requestId) {
        GetItemResponse response = dynamoDb.getItem(get -> get.tableName(table).consistentRead(true)
                .key(Map.of(RequestItem.REQUEST_ID, AttributeValue.fromS(requestId.value()))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RequestItem.stored(response.item()))
                : Optional.empty();
    }
}
