package com.rushgate.local.pipes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * A stream in memory, with the Streams API's answers: shards that close, iterators by position,
 * and the two failures a reader must survive (an expired iterator, trimmed data). It records every
 * iterator asked for, as {@code "shardId TYPE"} or {@code "shardId TYPE sequenceNumber"}.
 * Thread-safe, so a test can write while a pipe's thread reads.
 */
public final class FakeStreamShards implements StreamShards {

    private static final class FakeShard {
        final String parentId;
        final List<Record> records = new ArrayList<>();
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        boolean closed;

        FakeShard(String parentId) {
            this.parentId = parentId;
        }
    }

    private final Map<String, FakeShard> shards = new LinkedHashMap<>();
    private final List<String> iterators = new ArrayList<>();

    public synchronized FakeStreamShards shard(String id, String parentId) {
        shards.put(id, new FakeShard(parentId));
        return this;
    }

    public synchronized FakeStreamShards append(String shardId, Record... records) {
        shards.get(shardId).records.addAll(List.of(records));
        return this;
    }

    /** No more records: a reader at its end gets no next iterator. */
    public synchronized void close(String shardId) {
        shards.get(shardId).closed = true;
    }

    /** The next read of the shard answers that its iterator expired. */
    synchronized void expireNextRead(String shardId) {
        shards.get(shardId).failures.add(ExpiredIteratorException.builder().message("Iterator expired").build());
    }

    /** The next read of the shard answers TrimmedDataAccessException, as DynamoDB Local does on a fresh shard. */
    synchronized void trimNextRead(String shardId) {
        shards.get(shardId).failures.add(TrimmedDataAccessException.builder().message("trimmed").build());
    }

    synchronized List<String> iterators() {
        return List.copyOf(iterators);
    }

    @Override
    public synchronized List<ShardInfo> shards() {
        List<ShardInfo> all = new ArrayList<>();
        shards.forEach((id, shard) -> all.add(new ShardInfo(id, shard.parentId)));
        return all;
    }

    @Override
    public synchronized String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        iterators.add(shardId + " " + type + (sequenceNumber == null ? "" : " " + sequenceNumber));
        List<Record> records = shards.get(shardId).records;
        int position = switch (type) {
            case TRIM_HORIZON -> 0;
            case LATEST -> records.size();
            case AT_SEQUENCE_NUMBER -> indexOf(records, sequenceNumber);
            case AFTER_SEQUENCE_NUMBER -> indexOf(records, sequenceNumber) + 1;
            default -> throw new IllegalArgumentException("unknown iterator type " + type);
        };
        return shardId + "@" + position;
    }

    private static int indexOf(List<Record> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record " + sequenceNumber);
    }

    @Override
    public synchronized Page read(String iterator, int limit) {
        String shardId = iterator.substring(0, iterator.lastIndexOf('@'));
        int position = Integer.parseInt(iterator.substring(iterator.lastIndexOf('@') + 1));
        FakeShard shard = shards.get(shardId);
        if (!shard.failures.isEmpty()) {
            throw shard.failures.poll();
        }
        int end = Math.min(shard.records.size(), position + limit);
        List<Record> page = List.copyOf(shard.records.subList(position, end));
        boolean atEnd = end == shard.records.size();
        return new Page(page, shard.closed && atEnd ? null : shardId + "@" + end);
    }
}
