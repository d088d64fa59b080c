package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of the local RequestTable for the demo and the bench: scans, fine locally, never in a function. */
public final class RequestTableReads {

    private RequestTableReads() {
    }

    /**
     * One request as the RequestTable holds it.
     *
     * @param acceptedAt  when Ingest accepted it (the arrival order); null if the item has none
     * @param completedAt when it reached its final state; null while it is not final
     */
    public record Row(String requestId, RequestStatus status, Instant acceptedAt, Instant completedAt) {
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
        return statusById(rowsOfEvent(stack, eventId));
    }

    /** The rows by requestId, with their status. */
    public static Map<String, RequestStatus> statusById(List<Row> rows) {
        Map<String, RequestStatus> statuses = new HashMap<>();
        rows.forEach(row -> statuses.put(row.requestId(), row.status()));
        return statuses;
    }

    /** Every request of the event with its status and times; one strongly consistent scan. */
    public static List<Row> rowsOfEvent(LocalStack stack, String eventId) {
        List<Row> rows = new ArrayList<>();
        stack.clients().dynamoDb().scanPaginator(s -> s
                        .tableName(stack.model().functionVariable("REQUEST_TABLE"))
                        .consistentRead(true)
                        .filterExpression("eventId = :e")
                        .projectionExpression("requestId, #s, acceptedAt, completedAt")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId))))
                .items()
                .forEach(item -> rows.add(new Row(item.get("requestId").s(), RequestStatus.valueOf(item.get("status").s()),
                        instant(item.get("acceptedAt")), instant(item.get("completedAt")))));
        return rows;
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? null : Instant.parse(value.s());
    }
}
