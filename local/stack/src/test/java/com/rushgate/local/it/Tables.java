package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test-only reads of the local tables; scans are fine here, never in the functions. */
public final class Tables {

    private Tables() {
    }

    public static String requestTable(LocalStack stack) {
        return stack.model().functionVariable("REQUEST_TABLE");
    }

    /** The request store the functions use, over the stack's RequestTable. */
    public static DynamoRequestStore requestStore(LocalStack stack) {
        return new DynamoRequestStore(stack.clients().dynamoDb(), requestTable(stack), arrivalShards(stack));
    }

    public static int arrivalShards(LocalStack stack) {
        return Integer.parseInt(stack.model().functionVariable("ARRIVAL_SHARDS"));
    }

    public static List<Map<String, AttributeValue>> requestsOf(LocalStack stack, String eventId) {
        return stack.clients().dynamoDb().scanPaginator(s -> s
                        .tableName(requestTable(stack))
                        .consistentRead(true)
                        .filterExpression("eventId = :e")
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId))))
                .items().stream().toList();
    }

    public static Map<RequestStatus, Integer> statusCounts(LocalStack stack, String eventId) {
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        for (Map<String, AttributeValue> item : requestsOf(stack, eventId)) {
            counts.merge(RequestStatus.valueOf(item.get("status").s()), 1, Integer::sum);
        }
        return counts;
    }

    public static int remaining(LocalStack stack, String eventId) {
        return SharedStack.events(stack).find(eventId).orElseThrow().remaining();
    }
}
