package com.rushgate.core.aws;

import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.RequestStore.InflightRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link InflightIndex} on the RequestTable's sparse InflightIndex: one Query per status shard,
 * with the sort key (the time of the last change) below the cutoff. Never a Scan.
 */
public final class DynamoInflightIndex implements InflightIndex {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String indexName;

    public DynamoInflightIndex(DynamoDbClient dynamoDb, String tableName, String indexName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.indexName = Objects.requireNonNull(indexName, "indexName");
    }

    @Override
    public List<InflightRequest> changedBefore(RequestStatus status, Instant changedBefore, int limit) {
        List<InflightRequest> found = new ArrayList<>();
        for (int shard = 0; shard < RequestItem.INFLIGHT_SHARDS && found.size() < limit; shard++) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder()
                        .tableName(tableName)
                        .indexName(indexName)
                        .keyConditionExpression("#pk = :pk AND #at < :cutoff")
                        .expressionAttributeNames(Map.of("#pk", RequestItem.INFLIGHT_PK, "#at", RequestItem.INFLIGHT_AT))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(RequestItem.inflightPartition(status, shard)),
                                ":cutoff", AttributeValue.fromN(Long.toString(changedBefore.toEpochMilli()))))
                        .limit(limit - found.size());
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                QueryResponse response;
                try {
                    response = dynamoDb.query(query.build());
                } catch (SdkException e) {
                    throw SdkFailures.translate("Query on " + tableName + "/" + indexName, e);
                }
                for (Map<String, AttributeValue> item : response.items()) {
                    found.add(toInflight(item));
                }
                startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (startKey != null && found.size() < limit);
        }
        return found;
    }

    /** One Query per status shard, oldest first, Limit 1: 16 reads of one item, whatever the backlog. */
    @Override
    public Optional<Instant> oldest(RequestStatus status) {
        Instant oldest = null;
        for (int shard = 0; shard < RequestItem.INFLIGHT_SHARDS; shard++) {
            String partition = RequestItem.inflightPartition(status, shard);
            QueryResponse response;
            try {
                response = dynamoDb.query(query -> query
                        .tableName(tableName)
                        .indexName(indexName)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", RequestItem.INFLIGHT_PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                        .scanIndexForward(true)
                        .limit(1));
            } catch (SdkException e) {
                throw SdkFailures.translate("Query on " + tableName + "/" + indexName, e);
            }
            for (Map<String, AttributeValue> item : response.items()) {
                Instant at = Instant.ofEpochMilli(Long.parseLong(item.get(RequestItem.INFLIGHT_AT).n()));
                if (oldest == null || at.isBefore(oldest)) {
                    oldest = at;
                }
            }
        }
        return Optional.ofNullable(oldest);
    }

    private static InflightRequest toInflight(Map<String, AttributeValue> item) {
        AttributeValue lease = item.get(RequestItem.LEASE_EXPIRES_AT);
        AttributeValue attempts = item.get(RequestItem.ATTEMPTS);
        return new InflightRequest(
                new RequestId(item.get(RequestItem.REQUEST_ID).s()),
                item.get(RequestItem.EVENT_ID).s(),
                RequestStatus.valueOf(item.get(RequestItem.STATUS).s()),
                attempts == null ? 0 : Integer.parseInt(attempts.n()),
                Timestamps.parse(item.get(RequestItem.ACCEPTED_AT).s()),
                lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.n())),
                Long.parseLong(item.get(RequestItem.VERSION).n()),
                Instant.ofEpochMilli(Long.parseLong(item.get(RequestItem.INFLIGHT_AT).n())));
    }
}
