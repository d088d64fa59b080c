package com.rushgate.core.aws;

import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link Raffles} on the EventTable. The seed lives in an item of its own ({@code eventId#seed}),
 * so that an operators' policy can deny it (a LeadingKeys condition) while granting the events.
 */
public final class DynamoRaffles implements Raffles {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoRaffles(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean create(Event event, Optional<DrawSeed> seed) {
        Put putEvent = Put.builder()
                .tableName(tableName)
                .item(EventItem.toItem(event))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID))
                .build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(putEvent).build());
        seed.ifPresent(secret -> {
            Map<String, AttributeValue> item = new HashMap<>(EventItem.seedKey(event.eventId()));
            item.put(EventItem.SECRET, AttributeValue.fromS(secret.hex()));
            writes.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID))
                    .build()).build());
        });
        try {
            dynamoDb.transactWriteItems(tx -> tx.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (reasons.stream().anyMatch(reason -> CONDITIONAL_CHECK_FAILED.equals(reason.code()))) {
                return false;
            }
            throw SdkFailures.translate("TransactWriteItems on " + tableName, cancelled);
        } catch (SdkException e) {
            throw SdkFailures.translate("TransactWriteItems on " + tableName, e);
        }
    }

    @Override
    public Optional<DrawSeed> seed(String eventId) {
        try {
            GetItemResponse response = dynamoDb.getItem(get -> get
                    .tableName(tableName)
                    .key(EventItem.seedKey(eventId))
                    .consistentRead(true));
            AttributeValue secret = response.hasItem() ? response.item().get(EventItem.SECRET) : null;
            return secret == null ? Optional.empty() : Optional.of(DrawSeed.fromHex(secret.s()));
        } catch (SdkException e) {
            throw SdkFailures.translate("GetItem on " + tableName, e);
        }
    }

    @Override
    public boolean recordDraw(String eventId, Raffle drawn) {
        Map<String, AttributeValue> set = EventItem.raffleAttributes(drawn);
        set.remove(EventItem.COMMITMENT);
        return update(eventId, set, Raffle.DrawState.OPEN, "record the draw");
    }

    @Override
    public void recordFanOut(String eventId, Instant at) {
        update(eventId, Map.of(EventItem.FANNED_OUT_AT, AttributeValue.fromS(Timestamps.format(at))),
                Raffle.DrawState.DRAWN, "record the decisions sent");
    }

    @Override
    public boolean finalise(String eventId) {
        return update(eventId, Map.of(EventItem.DRAW_STATE, AttributeValue.fromS(Raffle.DrawState.FINALISED.name())),
                Raffle.DrawState.DRAWN, "finalise the draw");
    }

    @Override
    public List<Event> unfinished(Instant closedBy) {
        List<Event> due = new ArrayList<>();
        try {
            dynamoDb.scanPaginator(scan -> scan
                    .tableName(tableName)
                    .consistentRead(true)
                    .filterExpression("#type = :raffle AND #state IN (:open, :drawn)")
                    .expressionAttributeNames(Map.of("#type", EventItem.TYPE, "#state", EventItem.DRAW_STATE))
                    .expressionAttributeValues(Map.of(
                            ":raffle", AttributeValue.fromS(EventType.RAFFLE.name()),
                            ":open", AttributeValue.fromS(Raffle.DrawState.OPEN.name()),
                            ":drawn", AttributeValue.fromS(Raffle.DrawState.DRAWN.name()))))
                    .items()
                    .forEach(item -> {
                        Event event = EventItem.fromItem(item);
                        if (event.drawn() || !event.closesAt().isAfter(closedBy)) {
                            due.add(event);
                        }
                    });
        } catch (SdkException e) {
            throw SdkFailures.translate("Scan on " + tableName, e);
        }
        return due;
    }

    /** SET {@code values} on the event item, guarded on its draw state. */
    private boolean update(String eventId, Map<String, AttributeValue> values, Raffle.DrawState expected, String what) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> attributes = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> value : values.entrySet()) {
            names.put("#a" + i, value.getKey());
            attributes.put(":a" + i, value.getValue());
            assignments.add("#a" + i + " = :a" + i);
            i++;
        }
        names.put("#state", EventItem.DRAW_STATE);
        attributes.put(":expected", AttributeValue.fromS(expected.name()));
        try {
            dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(Map.of(EventItem.EVENT_ID, AttributeValue.fromS(eventId)))
                    .updateExpression("SET " + String.join(", ", assignments))
                    .conditionExpression("#state = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(attributes));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (" + what + ") on " + tableName, e);
        }
    }
}
