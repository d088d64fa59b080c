package com.rushgate.core.aws;

import static com.rushgate.core.aws.RequestItem.n;
import static com.rushgate.core.aws.RequestItem.s;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link StockLedger} on the EventTable item (remaining, allocHolder, allocUntil, allocCursor) and
 * the RequestTable. A grant is one TransactWriteItems: the event item (stock down by k, cursor,
 * lease renewed; on condition of the holder and the stock it read) and the k requests' GRANT.
 */
public final class DynamoStockLedger implements StockLedger {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String eventTable;
    private final String requestTable;

    public DynamoStockLedger(DynamoDbClient dynamoDb, String eventTable, String requestTable) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.eventTable = Objects.requireNonNull(eventTable, "eventTable");
        this.requestTable = Objects.requireNonNull(requestTable, "requestTable");
    }

    @Override
    public Optional<State> read(String eventId, boolean consistent) {
        try {
            GetItemResponse response = dynamoDb.getItem(get -> get
                    .tableName(eventTable)
                    .key(key(eventId))
                    .consistentRead(consistent));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(EventItem.ledgerState(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw SdkFailures.translate("GetItem on " + eventTable, e);
        }
    }

    @Override
    public Optional<LeaseResult> acquire(String eventId, String holder, Instant now, Instant until) {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(update -> update
                    .tableName(eventTable)
                    .key(key(eventId))
                    .updateExpression("SET #holder = :me, #until = :until")
                    .conditionExpression("attribute_exists(#id) AND (attribute_not_exists(#until) OR #until < :now"
                            + " OR #holder = :me)")
                    .expressionAttributeNames(Map.of("#id", EventItem.EVENT_ID, "#holder", EventItem.ALLOC_HOLDER,
                            "#until", EventItem.ALLOC_UNTIL))
                    .expressionAttributeValues(Map.of(":me", s(holder), ":until", n(until.toEpochMilli()),
                            ":now", n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.of(new LeaseResult.Acquired(EventItem.ledgerState(response.attributes())));
        } catch (ConditionalCheckFailedException held) {
            return held.hasItem() && !held.item().isEmpty()
                    ? Optional.of(new LeaseResult.HeldElsewhere(EventItem.ledgerState(held.item())))
                    : Optional.empty();
        } catch (TransactionConflictException granting) {
            // Another allocator's grant is changing the event item now: the lease is held, and retrying
            // against its transactions would only meet the next one.
            return Optional.of(new LeaseResult.Granting());
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (allocation lease) on " + eventTable, e);
        }
    }

    @Override
    public GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners, ArrivalKey cursor,
                             Instant leaseUntil, Instant now) {
        int k = winners.size();
        Update ledger = Update.builder()
                .tableName(eventTable)
                .key(key(eventId))
                .updateExpression("SET #remaining = #remaining - :k, #cursor = :cursor, #until = :until")
                .conditionExpression("#holder = :me AND #remaining = :expected")
                .expressionAttributeNames(Map.of("#remaining", EventItem.REMAINING, "#cursor", EventItem.ALLOC_CURSOR,
                        "#until", EventItem.ALLOC_UNTIL, "#holder", EventItem.ALLOC_HOLDER))
                .expressionAttributeValues(Map.of(":k", n(k), ":cursor", s(cursor.sortKey()),
                        ":until", n(leaseUntil.toEpochMilli()), ":me", s(holder), ":expected", n(before.remaining())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        State after = new State(before.remaining() - k, Optional.of(cursor), Optional.of(holder), leaseUntil);
        try {
            if (k == 0) {
                dynamoDb.updateItem(update -> update.tableName(ledger.tableName()).key(ledger.key())
                        .updateExpression(ledger.updateExpression()).conditionExpression(ledger.conditionExpression())
                        .expressionAttributeNames(ledger.expressionAttributeNames())
                        .expressionAttributeValues(ledger.expressionAttributeValues())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return new GrantResult.Granted(after);
            }
            List<TransactWriteItem> items = new ArrayList<>(k + 1);
            items.add(TransactWriteItem.builder().update(ledger).build());
            for (ArrivalKey winner : winners) {
                items.add(TransactWriteItem.builder().update(grantWrite(winner, now)).build());
            }
            dynamoDb.transactWriteItems(tx -> tx.transactItems(items));
            return new GrantResult.Granted(after);
        } catch (ConditionalCheckFailedException refused) {
            return ledgerRefused(eventId, holder, refused.hasItem() ? refused.item() : Map.of());
        } catch (TransactionCanceledException cancelled) {
            return outcomeOf(eventId, holder, winners, cancelled);
        } catch (SdkException e) {
            throw SdkFailures.translate("TransactWriteItems (grant " + k + ") on " + eventTable + " and " + requestTable, e);
        }
    }

    @Override
    public void release(String eventId, String holder) {
        try {
            dynamoDb.updateItem(update -> update
                    .tableName(eventTable)
                    .key(key(eventId))
                    .updateExpression("SET #until = :zero")
                    .conditionExpression("#holder = :me")
                    .expressionAttributeNames(Map.of("#holder", EventItem.ALLOC_HOLDER, "#until", EventItem.ALLOC_UNTIL))
                    .expressionAttributeValues(Map.of(":me", s(holder), ":zero", n(0))));
        } catch (ConditionalCheckFailedException lost) {
            // Somebody else holds it now: nothing to give back.
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (release allocation lease) on " + eventTable, e);
        }
    }

    /** GRANT for one winner, with the latency analytics reads. */
    private Update grantWrite(ArrivalKey winner, Instant now) {
        TransitionInputs inputs = TransitionInputs.at(now).withAcceptedAt(winner.acceptedAt());
        return TransitionWrite.of(Transition.GRANT, winner.requestId(), inputs)
                .toTransactUpdate(requestTable)
                .build();
    }

    private GrantResult outcomeOf(String eventId, String holder, List<ArrivalKey> winners,
                                  TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        if (reasons.size() == winners.size() + 1) {
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code())) {
                CancellationReason ledger = reasons.get(0);
                return ledgerRefused(eventId, holder, ledger.hasItem() ? ledger.item() : Map.of());
            }
            Set<RequestId> decided = new HashSet<>();
            for (int i = 1; i < reasons.size(); i++) {
                if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) {
                    decided.add(winners.get(i - 1).requestId());
                }
            }
            if (!decided.isEmpty()) {
                return new GrantResult.AlreadyDecided(decided);
            }
        }
        // TransactionConflict, ThrottlingError, ProvisionedThroughputExceeded: nothing was written.
        throw new RetryableException("grant cancelled: " + reasons.stream().map(CancellationReason::code).toList(),
                cancelled);
    }

    /** The event item's condition failed: the lease moved on, or the stock is not what was read. */
    private GrantResult ledgerRefused(String eventId, String holder, Map<String, AttributeValue> old) {
        Map<String, AttributeValue> item = old.isEmpty() ? currentItem(eventId) : old;
        AttributeValue current = item.get(EventItem.ALLOC_HOLDER);
        if (current == null || !holder.equals(current.s())) {
            return new GrantResult.LeaseLost();
        }
        return new GrantResult.StockChanged();
    }

    private Map<String, AttributeValue> currentItem(String eventId) {
        try {
            GetItemResponse response = dynamoDb.getItem(get -> get.tableName(eventTable).key(key(eventId)).consistentRead(true));
            return response.hasItem() ? response.item() : Map.of();
        } catch (SdkException e) {
            throw SdkFailures.translate("GetItem on " + eventTable, e);
        }
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of(EventItem.EVENT_ID, AttributeValue.fromS(eventId));
    }
}
