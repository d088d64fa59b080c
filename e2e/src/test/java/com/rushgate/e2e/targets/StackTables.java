package com.rushgate.e2e.targets;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.RequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A target's tables, through the adapters the functions use: test events are written straight
 * into the EventTable (there is no operators' API yet), and reads are strongly consistent scans,
 * fine for a test and never done by the functions.
 */
public final class StackTables {

    /** Test events close this long after they are created, so none stays open on a deployed stack. */
    private static final Duration TEST_EVENT_LIFE = Duration.ofHours(1);

    private final DynamoDbClient dynamoDb;
    private final String requestTable;
    private final DynamoEventCatalog events;
    private final DynamoRequestStore requests;

    public StackTables(DynamoDbClient dynamoDb, String requestTable, String eventTable, int arrivalShards) {
        this.dynamoDb = dynamoDb;
        this.requestTable = requestTable;
        this.events = new DynamoEventCatalog(dynamoDb, eventTable);
        this.requests = new DynamoRequestStore(dynamoDb, requestTable, arrivalShards);
    }

    /** A fresh event id, recognisable as a test's: {@code e2e-<prefix>-<8 hex digits>}. */
    public static String newEventId(String prefix) {
        return "e2e-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public DynamoEventCatalog events() {
        return events;
    }

    /** The request store the functions use, over the target's RequestTable. */
    public DynamoRequestStore requests() {
        return requests;
    }

    /** An FCFS event, open since a minute ago, closing in an hour. */
    public String openFcfs(String prefix, int capacity) {
        String eventId = newEventId(prefix);
        Instant now = Instant.now();
        create(Event.create(eventId, EventType.FCFS, capacity, now.minusSeconds(60), now.plus(TEST_EVENT_LIFE)));
        return eventId;
    }

    public void create(Event event) {
        if (!events.create(event)) {
            throw new IllegalStateException("event " + event.eventId() + " already exists");
        }
    }

    public Event event(String eventId) {
        return events.find(eventId).orElseThrow(() -> new AssertionError("no event " + eventId));
    }

    public int remaining(String eventId) {
        return event(eventId).remaining();
    }

    public List<Map<String, AttributeValue>> requestsOf(String eventId) {
        return dynamoDb.scanPaginator(s -> s
                        .tableName(requestTable)
                        .consistentRead(true)
                        .filterExpression("eventId = :e")
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId))))
                .items().stream().toList();
    }

    public Map<RequestStatus, Integer> statusCounts(String eventId) {
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        for (Map<String, AttributeValue> item : requestsOf(eventId)) {
            counts.merge(RequestStatus.valueOf(item.get("status").s()), 1, Integer::sum);
        }
        return counts;
    }

    /** Every item of the RequestTable, whatever its event: what a participation writes to. */
    public long storedRequests() {
        return dynamoDb.scanPaginator(s -> s.tableName(requestTable).select(Select.COUNT).consistentRead(true))
                .stream().mapToLong(page -> page.count()).sum();
    }
}
