package com.rushgate.core.aws;

import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.domain.ArrivalKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ArrivalIndex} on the RequestTable's sparse, write-sharded ArrivalIndex (partition
 * {@code eventId#NN}, sort key {@link ArrivalKey#sortKey()}, keys and {@code drawAt}). One Query per shard, each
 * in order and at most {@code limit} long, merged: the first {@code limit} of the merge are the
 * first {@code limit} of the event.
 */
public final class DynamoArrivalIndex implements ArrivalIndex {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String indexName;
    private final int shards;

    public DynamoArrivalIndex(DynamoDbClient dynamoDb, String tableName, String indexName, int shards) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.indexName = Objects.requireNonNull(indexName, "indexName");
        if (shards < 1 || shards > 100) {
            throw new IllegalArgumentException("shards must be between 1 and 100, got " + shards);
        }
        this.shards = shards;
    }

    @Override
    public List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit) {
        String upper = ArrivalKey.sortKeyBound(upTo);
        if (cursor.isPresent() && cursor.get().sortKey().compareTo(upper) >= 0) {
            return List.of();
        }
        List<ArrivalKey> merged = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            merged.addAll(queryShard(ArrivalKey.shardPartition(eventId, shard), cursor, upper, limit));
        }
        Collections.sort(merged);
        return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
    }

    private List<ArrivalKey> queryShard(String partition, Optional<ArrivalKey> cursor, String upper, int limit) {
        Map<String, String> names = Map.of("#pk", RequestItem.ARRIVAL_PK, "#sk", RequestItem.ARRIVAL_SK);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(partition));
        values.put(":upper", AttributeValue.fromS(upper));
        String condition;
        if (cursor.isPresent()) {
            values.put(":after", AttributeValue.fromS(cursor.get().sortKey()));
            condition = "#pk = :pk AND #sk BETWEEN :after AND :upper";
        } else {
            condition = "#pk = :pk AND #sk <= :upper";
        }
        // BETWEEN includes the cursor itself: ask for one more and drop it.
        int ask = cursor.isPresent() ? limit + 1 : limit;
        try {
            QueryResponse response = dynamoDb.query(query -> query
                    .tableName(tableName)
                    .indexName(indexName)
                    .keyConditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .limit(ask));
            List<ArrivalKey> keys = new ArrayList<>(response.items().size());
            for (Map<String, AttributeValue> item : response.items()) {
                ArrivalKey key = ArrivalKey.parse(item.get(RequestItem.ARRIVAL_SK).s());
                if (cursor.isEmpty() || key.compareTo(cursor.get()) > 0) {
                    keys.add(key);
                }
            }
            return keys;
        } catch (SdkException e) {
            throw SdkFailures.translate("Query on " + tableName + "/" + indexName, e);
        }
    }

    /** Every shard, page by page; the index projects {@code drawAt}, which marks a raffle entry. */
    @Override
    public void forEach(String eventId, Consumer<Arrival> action) {
        Map<String, String> names = Map.of("#pk", RequestItem.ARRIVAL_PK);
        for (int shard = 0; shard < shards; shard++) {
            Map<String, AttributeValue> values = Map.of(":pk", AttributeValue.fromS(ArrivalKey.shardPartition(eventId, shard)));
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page;
                try {
                    page = dynamoDb.query(query -> query
                            .tableName(tableName)
                            .indexName(indexName)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .exclusiveStartKey(from));
                } catch (SdkException e) {
                    throw SdkFailures.translate("Query on " + tableName + "/" + indexName, e);
                }
                for (Map<String, AttributeValue> item : page.items()) {
                    action.accept(new Arrival(ArrivalKey.parse(item.get(RequestItem.ARRIVAL_SK).s()),
                            item.containsKey(RequestItem.DRAW_AT)));
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
    }
}
