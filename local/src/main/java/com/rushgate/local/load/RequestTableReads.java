package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of the local RequestTable for the demo and the bench: scans, fine locally, never in a function. */
public final class RequestTableReads {

    private RequestTableReads() {
    }

    /** How many requests of the event are in each status. */
    public static Map<RequestStatus, Integer> statusesOfEvent(LocalStack stack, String eventId) {
        return countByStatus(statusById(stack, eventId));
    }

    /** How many of these requests are in each status. */
    public static Map<RequestStatus, Integer> countByStatus(Map<String, RequestStatus> statusById) {
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        statusById.values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }

    /** Every request of the event, by requestId, with its status; a strongly consistent scan. */
    public static Map<String, RequestStatus> statusById(LocalStack stack, String eventId) {
        Map<String, RequestStatus> statuses = new HashMap<>();
        stack.clients().dynamoDb().scanPaginator(s -> s
                        .tableName(stack.model().functionVariable("REQUEST_TABLE"))
                        .consistentRead(true)
                        .filterExpression("eventId = :e")
                        .projectionExpression("requestId, #s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId))))
                .items()
                .forEach(item -> statuses.put(item.get("requestId").s(), RequestStatus.valueOf(item.get("status").s())));
        return statuses;
    }
}
