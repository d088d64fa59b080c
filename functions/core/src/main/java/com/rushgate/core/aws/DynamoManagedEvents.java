package com.rushgate.core.aws;

import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link ManagedEvents} on the EventTable. A change names the fields it expects, as read, in its
 * condition (type, window, commitment, draw state), and touches only the fields it changes; stock,
 * the allocator's lease and cursor, and a draw's result are never written here. The seed item
 * ({@code eventId#seed}) changes in the same transaction as the event, as {@link DynamoRaffles}
 * creates it.
 */
public final class DynamoManagedEvents implements ManagedEvents {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    /** Only a seed item: one that does not exist yet, or holds a secret. */
    private static final String SEED_ITEM_ONLY = "attribute_not_exists(#id) OR attribute_exists(#secret)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoEventCatalog catalog;

    public DynamoManagedEvents(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.catalog = new DynamoEventCatalog(dynamoDb, tableName);
    }

    @Override
    public List<Event> list() {
        return catalog.list();
    }

    @Override
    public Optional<Event> find(String eventId) {
        return catalog.findLatest(eventId);
    }

    /** One UpdateItem: capacity and remaining together, on the condition that the stock allows it. */
    @Override
    public Restock restock(String eventId, int units) {
        int need = Math.max(0, -units);
        long largestBefore = (long) Integer.MAX_VALUE - Math.max(0, units);
        try {
            UpdateItemResponse response = dynamoDb.updateItem(update -> update
                    .tableName(tableName)
                    .key(key(eventId))
                    .updateExpression("SET #rem = #rem + :units, #cap = #cap + :units")
                    .conditionExpression("attribute_exists(#id) AND #type = :fcfs AND #rem >= :need AND #cap <= :largest")
                    .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID, "#rem", EventItem.REMAINING,
                            "#cap", EventItem.CAPACITY, "#type", EventItem.TYPE))
                    .expressionAttributeValues(Map.of(
                            ":units", AttributeValue.fromN(Integer.toString(units)),
                            ":need", AttributeValue.fromN(Integer.toString(need)),
                            ":largest", AttributeValue.fromN(Long.toString(largestBefore)),
                            ":fcfs", AttributeValue.fromS(EventType.FCFS.name())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Restock.Done(EventItem.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException refused) {
            return refused.hasItem() && !refused.item().isEmpty()
                    ? new Restock.Refused(EventItem.fromItem(refused.item()))
                    : new Restock.NotFound();
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (restock) on " + tableName, e);
        }
    }

    @Override
    public boolean change(Event expected, Event changed, Optional<DrawSeed> seed) {
        if (!expected.eventId().equals(changed.eventId()) || expected.type() != changed.type()) {
            throw new IllegalArgumentException("a change keeps the event's id and type");
        }
        Expression expression = expected(expected);
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        expression.names.put("#opens", EventItem.OPENS_AT);
        expression.values.put(":opens", AttributeValue.fromS(Timestamps.format(changed.opensAt())));
        set.add("#opens = :opens");
        if (changed.closesAt() == null) {
            remove.add("#closes");
        } else {
            expression.values.put(":closes", AttributeValue.fromS(Timestamps.format(changed.closesAt())));
            set.add("#closes = :closes");
        }
        Raffle raffle = changed.raffle();
        if (raffle != null && (expected.raffle() == null || !raffle.commitment().equals(expected.raffle().commitment()))) {
            if (raffle.drawn() || seed.isEmpty() || !seed.get().commitment().equals(raffle.commitment())) {
                throw new IllegalArgumentException("a new commitment comes with its seed, on a raffle not drawn");
            }
            expression.names.put("#state", EventItem.DRAW_STATE);
            expression.values.put(":commitment", AttributeValue.fromS(raffle.commitment()));
            expression.values.put(":open", AttributeValue.fromS(Raffle.DrawState.OPEN.name()));
            set.add("#commitment = :commitment");
            set.add("#state = :open");
        }
        Update update = Update.builder()
                .tableName(tableName)
                .key(key(expected.eventId()))
                .updateExpression("SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                .conditionExpression(expression.condition())
                .expressionAttributeNames(expression.names)
                .expressionAttributeValues(expression.values)
                .build();
        if (seed.isEmpty()) {
            return updateItem(update);
        }
        Update secret = Update.builder()
                .tableName(tableName)
                .key(EventItem.seedKey(expected.eventId()))
                .updateExpression("SET #secret = :secret")
                .conditionExpression(SEED_ITEM_ONLY)
                .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID, "#secret", EventItem.SECRET))
                .expressionAttributeValues(Map.of(":secret", AttributeValue.fromS(seed.get().hex())))
                .build();
        return transact(List.of(TransactWriteItem.builder().update(update).build(),
                TransactWriteItem.builder().update(secret).build()));
    }

    @Override
    public boolean delete(Event expected) {
        Expression expression = expected(expected);
        Delete event = Delete.builder()
                .tableName(tableName)
                .key(key(expected.eventId()))
                .conditionExpression(expression.condition())
                .expressionAttributeNames(expression.names)
                .expressionAttributeValues(expression.values)
                .build();
        Delete seed = Delete.builder()
                .tableName(tableName)
                .key(EventItem.seedKey(expected.eventId()))
                .conditionExpression(SEED_ITEM_ONLY)
                .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID, "#secret", EventItem.SECRET))
                .build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(event).build());
        if (expected.type() == EventType.RAFFLE) {
            writes.add(TransactWriteItem.builder().delete(seed).build());
        }
        return transact(writes);
    }

    /** The condition that the item is still {@code event} in every field an operator's change depends on. */
    private static Expression expected(Event event) {
        Expression expression = new Expression();
        expression.names.put("#id", EventItem.EVENT_ID);
        expression.names.put("#type", EventItem.TYPE);
        expression.names.put("#opens", EventItem.OPENS_AT);
        expression.names.put("#closes", EventItem.CLOSES_AT);
        expression.names.put("#commitment", EventItem.COMMITMENT);
        expression.values.put(":type", AttributeValue.fromS(event.type().name()));
        expression.values.put(":oldOpens", AttributeValue.fromS(Timestamps.format(event.opensAt())));
        expression.clauses.add("attribute_exists(#id) AND #type = :type AND #opens = :oldOpens");
        if (event.closesAt() == null) {
            expression.clauses.add("attribute_not_exists(#closes)");
        } else {
            expression.values.put(":oldCloses", AttributeValue.fromS(Timestamps.format(event.closesAt())));
            expression.clauses.add("#closes = :oldCloses");
        }
        if (event.raffle() == null) {
            expression.clauses.add("attribute_not_exists(#commitment)");
        } else {
            expression.names.put("#state", EventItem.DRAW_STATE);
            expression.values.put(":oldCommitment", AttributeValue.fromS(event.raffle().commitment()));
            expression.values.put(":oldState", AttributeValue.fromS(event.raffle().state().name()));
            expression.clauses.add("#commitment = :oldCommitment AND #state = :oldState");
        }
        return expression;
    }

    private boolean updateItem(Update update) {
        try {
            dynamoDb.updateItem(u -> u
                    .tableName(update.tableName())
                    .key(update.key())
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem on " + tableName, e);
        }
    }

    private boolean transact(List<TransactWriteItem> writes) {
        try {
            dynamoDb.transactWriteItems(tx -> tx.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                    .anyMatch(reason -> CONDITIONAL_CHECK_FAILED.equals(reason.code()))) {
                return false;
            }
            throw SdkFailures.translate("TransactWriteItems on " + tableName, cancelled);
        } catch (SdkException e) {
            throw SdkFailures.translate("TransactWriteItems on " + tableName, e);
        }
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of(EventItem.EVENT_ID, AttributeValue.fromS(eventId));
    }

    /** A condition being built: its clauses, joined by AND, and their names and values. */
    private static final class Expression {
        private final List<String> clauses = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        String condition() {
            return String.join(" AND ", clauses);
        }
    }
}
