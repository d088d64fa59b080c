package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of the local RequestTable for the demo and the bench: scans, fine locally, never in a function. */
public final class RequestTableReads {

    private RequestTableReads() {
    }

    /** How many requests of the event are in each status. */
    public static Map<RequestStatus, Integer> statusesOfEvent(LocalStack stack, String eventId) {
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        stack.clients().dynamoDb().scanPaginator(s -> s
                        .tableName(stack.model().functionVariable("REQUEST_TABLE"))
                        .consistentRead(true)
                        .filterExpression("eventId = :e")
                        .projectionExpression("#s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId))))
                .items()
                .forEach(item -> counts.merge(RequestStatus.valueOf(item.get("status").s()), 1, Integer::sum));
        return counts;
    }
}
