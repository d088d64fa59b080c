package com.rushgate.core.aws;

import com.rushgate.core.app.CountDeltas;
import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.port.CountsLedger;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link CountsLedger} on the CountsTable ({@link CountsItem}): one {@code TransactWriteItems} per
 * run of changes (all of a batch's changes of one event, unless their decisions span more than
 * {@value CountDeltas#MAX_MINUTES} minutes): the totals' ADDs, guarded by
 * {@code attribute_not_exists(q_<shard>) OR q_<shard> < :first}, which also SETs {@code q_<shard>}
 * to the run's last sequence number, plus an ADD to each latency slot the run decided requests in.
 *
 * <p>When the guard fails, part or all of the run was applied before (a batch delivered again):
 * the changes up to {@code q_<shard>} are dropped and the rest, if any, is written again. Nothing
 * is counted twice and nothing after the applied point is lost.
 */
public final class DynamoCountsLedger implements CountsLedger {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoCountsLedger(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public int apply(String eventId, String shardId, List<StatusChange> changes) {
        int writes = 0;
        List<StatusChange> pending = changes;
        while (!pending.isEmpty()) {
            List<StatusChange> run = CountDeltas.runs(pending, CountDeltas.MAX_MINUTES).get(0);
            writes++;
            BigInteger applied = write(eventId, shardId,
                    CountDeltas.fold(run, CountsItem::counterOf, CountsItem.ACCEPTED));
            if (applied == null) {
                pending = pending.subList(run.size(), pending.size());
            } else {
                List<StatusChange> after = pending.stream()
                        .filter(change -> change.sequenceNumber().compareTo(applied) > 0).toList();
                if (after.size() == pending.size()) {
                    // the guard refused a run that starts after the applied point: writing it again would loop
                    throw new IllegalStateException("the counts of " + eventId + " refused changes from " + shardId
                            + " after its applied point " + applied);
                }
                pending = after;
            }
        }
        return writes;
    }

    /** Writes one run; null when it was applied, else the shard's applied point that stopped it. */
    private BigInteger write(String eventId, String shardId, CountDeltas deltas) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(totals(eventId, shardId, deltas)).build());
        deltas.latency().forEach((minute, buckets) ->
                items.add(TransactWriteItem.builder().update(latency(eventId, minute, buckets)).build()));
        try {
            dynamoDb.transactWriteItems(write -> write.transactItems(items));
            return null;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return appliedPoint(eventId, shardId, reasons.get(0).item());
            }
            throw SdkFailures.translate("TransactWriteItems on " + tableName + " for " + eventId, cancelled);
        } catch (SdkException e) {
            throw SdkFailures.translate("TransactWriteItems on " + tableName + " for " + eventId, e);
        }
    }

    private Update totals(String eventId, String shardId, CountDeltas deltas) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> counter : deltas.counters().entrySet()) {
            names.put("#c" + i, counter.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(counter.getValue())));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        names.put("#q", CountsItem.appliedAttribute(shardId));
        names.put("#t", CountsItem.countedAttribute(shardId));
        values.put(":first", AttributeValue.fromS(CountsItem.sequence(deltas.firstSequence())));
        values.put(":last", AttributeValue.fromS(CountsItem.sequence(deltas.lastSequence())));
        values.put(":t", AttributeValue.fromN(Long.toString(deltas.newest().toEpochMilli())));
        // Records of one shard come in order, so the run's newest time is the shard's newest.
        String expression = "SET #q = :last, #t = :t" + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        return Update.builder()
                .tableName(tableName)
                .key(key(eventId, CountsItem.TOTALS))
                .updateExpression(expression)
                .conditionExpression("attribute_not_exists(#q) OR #q < :first")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private Update latency(String eventId, long minute, Map<Integer, Long> buckets) {
        String slot = CountsItem.latencySlot(minute);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            names.put("#b" + i, CountsItem.BUCKET_PREFIX + bucket.getKey());
            values.put(":b" + i, AttributeValue.fromN(Long.toString(bucket.getValue())));
            adds.add("#b" + i + " :b" + i);
            i++;
        }
        names.put("#x", CountsItem.EXPIRES_AT);
        values.put(":x", AttributeValue.fromN(Long.toString(CountsItem.latencySlotExpiry(slot))));
        return Update.builder()
                .tableName(tableName)
                .key(key(eventId, slot))
                .updateExpression("SET #x = :x ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** The shard's applied point, from the cancelled write's old item or, if it brought none, a read. */
    private BigInteger appliedPoint(String eventId, String shardId, Map<String, AttributeValue> old) {
        String attribute = CountsItem.appliedAttribute(shardId);
        Map<String, AttributeValue> item = old;
        if (item == null || !item.containsKey(attribute)) {
            try {
                item = dynamoDb.getItem(get -> get.tableName(tableName).key(key(eventId, CountsItem.TOTALS))
                        .consistentRead(true).projectionExpression("#q")
                        .expressionAttributeNames(Map.of("#q", attribute))).item();
            } catch (SdkException e) {
                throw SdkFailures.translate("GetItem on " + tableName + " for " + eventId, e);
            }
        }
        if (item == null || !item.containsKey(attribute)) {
            throw new IllegalStateException("the counts of " + eventId + " refused a write but hold no applied point for "
                    + shardId);
        }
        return new BigInteger(item.get(attribute).s());
    }

    private static Map<String, AttributeValue> key(String eventId, String slot) {
        return Map.of(CountsItem.EVENT_ID, AttributeValue.fromS(eventId), CountsItem.SLOT, AttributeValue.fromS(slot));
    }
}
