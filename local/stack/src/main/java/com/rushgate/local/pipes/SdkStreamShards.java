package com.rushgate.local.pipes;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** {@link StreamShards} over the SDK's Streams client, for one stream. */
public final class SdkStreamShards implements StreamShards {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    public SdkStreamShards(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    @Override
    public List<ShardInfo> shards() {
        List<ShardInfo> shards = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            StreamDescription description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(start))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                shards.add(new ShardInfo(shard.shardId(), shard.parentShardId()));
            }
            last = description.lastEvaluatedShardId();
        } while (last != null);
        return shards;
    }

    @Override
    public String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    @Override
    public Page read(String iterator, int limit) {
        GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(iterator).limit(limit));
        return new Page(response.records(), response.nextShardIterator());
    }
}
