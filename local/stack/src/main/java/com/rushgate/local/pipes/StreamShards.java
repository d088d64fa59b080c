package com.rushgate.local.pipes;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * The part of the DynamoDB Streams API a {@link ShardReader} uses, for one stream.
 * {@link SdkStreamShards} is it over the SDK; tests give a stream of their own.
 */
public interface StreamShards {

    /** A shard of the stream; {@code parentId} is null for a shard that was not split from another. */
    record ShardInfo(String id, String parentId) {
    }

    /**
     * One {@code GetRecords} answer.
     *
     * @param nextIterator where to read on, or null when the shard is closed and read to its end
     */
    record Page(List<Record> records, String nextIterator) {
    }

    /** Every shard the stream has now, parents before their children (all pages of {@code DescribeStream}). */
    List<ShardInfo> shards();

    /**
     * A new iterator into a shard.
     *
     * @param sequenceNumber for {@code AFTER_SEQUENCE_NUMBER} and {@code AT_SEQUENCE_NUMBER}; null for the others
     */
    String iterator(String shardId, ShardIteratorType type, String sequenceNumber);

    /**
     * Reads at most {@code limit} records.
     *
     * @throws ExpiredIteratorException   when the iterator is too old: take a new one
     * @throws TrimmedDataAccessException when the iterator points before the oldest record the shard
     *                                    keeps (and, in DynamoDB Local, into a shard that was empty
     *                                    when the iterator was taken)
     */
    Page read(String iterator, int limit);
}
