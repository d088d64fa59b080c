package com.rushgate.core.aws;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.domain.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@link EventCatalog} on the EventTable, plus the operator's writes ({@link #create}, {@link #list})
 * that the command line uses. Functions only read.
 */
public final class DynamoEventCatalog implements EventCatalog {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoEventCatalog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** Eventually consistent: the request path reads through a cache anyway. */
    @Override
    public Optional<Event> find(String eventId) {
        return read(eventId, false);
    }

    @Override
    public Optional<Event> findLatest(String eventId) {
        return read(eventId, true);
    }

    private Optional<Event> read(String eventId, boolean consistentRead) {
        try {
            GetItemResponse response = dynamoDb.getItem(get -> get
                    .tableName(tableName)
                    .key(Map.of(EventItem.EVENT_ID, AttributeValue.fromS(eventId)))
                    .consistentRead(consistentRead));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(EventItem.fromItem(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw SdkFailures.translate("GetItem on " + tableName, e);
        }
    }

    /**
     * Creates an event with all its stock.
     *
     * @return false when an event with that id exists already (it is left unchanged)
     */
    public boolean create(Event event) {
        try {
            dynamoDb.putItem(put -> put
                    .tableName(tableName)
                    .item(EventItem.toItem(event))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID)));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        } catch (SdkException e) {
            throw SdkFailures.translate("PutItem on " + tableName, e);
        }
    }

    /**
     * Closes an event at {@code at} (now, for an operator): one guarded update of closesAt, never a
     * whole-item put, so stock and a raffle's commitment stay as they are. A close never moves
     * closesAt later, and never before a request it already accepted, since those were accepted
     * before now. Ingest's cached copies learn it within EVENT_CACHE_SECONDS; a request accepted in
     * between is rejected EVENT_CLOSED by the worker, which reads the event again.
     *
     * @return false when there is no such event, it closed at or before {@code at} already, or it does
     *         not open before {@code at} (a close there would leave an event that closes before it opens)
     */
    public boolean close(String eventId, Instant at) {
        try {
            dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(Map.of(EventItem.EVENT_ID, AttributeValue.fromS(eventId)))
                    .updateExpression("SET #closes = :at")
                    .conditionExpression("attribute_exists(#id) AND #opens < :at"
                            + " AND (attribute_not_exists(#closes) OR #closes > :at)")
                    .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID, "#opens", EventItem.OPENS_AT,
                            "#closes", EventItem.CLOSES_AT))
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Timestamps.format(at)))));
            return true;
        } catch (ConditionalCheckFailedException closedOrMissing) {
            return false;
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem on " + tableName, e);
        }
    }

    /**
     * Every event, sorted by id. A scan: for operators and the local stack, never on a request path.
     * The table's other items (a raffle's seed, counters) have a '#' in their key and are skipped.
     */
    public List<Event> list() {
        List<Event> events = new ArrayList<>();
        try {
            dynamoDb.scanPaginator(scan -> scan.tableName(tableName).consistentRead(true))
                    .items()
                    .forEach(item -> {
                        if (EventItem.isEvent(item)) {
                            events.add(EventItem.fromItem(item));
                        }
                    });
        } catch (SdkException e) {
            throw SdkFailures.translate("Scan on " + tableName, e);
        }
        events.sort(Comparator.comparing(Event::eventId));
        return events;
    }
}
