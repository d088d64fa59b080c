package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads every shard of a pipe's stream, as Pipes does, and keeps the pipe's place in each. The
 * functions' stream triggers ({@code triggers.StreamPoller}) read through it too.
 *
 * <p>Shards are found with {@code DescribeStream} (every 10 seconds, and at
 * once after a shard closes). A shard is read once its parent is closed and {@code settled}, the
 * caller's word that every record read from the parent has been handed on: after a split the
 * children's records are newer than the parent's. Each {@link #poll} reads one page of up to
 * 1,000 records. A shard the pipe finds when it first starts is read from the pipe's
 * {@code StartingPosition}; a later one, or any shard of a pipe with checkpoints, from its start, so
 * that nothing is skipped. An expired iterator is replaced after the last record read; trimmed data
 * makes the shard start again from its oldest record.
 *
 * <p>Checkpoints: the caller reports how far each shard is {@link #handed handed on};
 * {@link #checkpoint} saves the positions that moved, and must be called only when everything
 * handed on is durable. A new reader on the same checkpoints starts after them. One thread only;
 * {@link #read()} may be read from any.
 */
public final class ShardReader {

    /** The most records one {@code GetRecords} call asks for. */
    public static final int PAGE_LIMIT = 1000;
    private static final int DISCOVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    /** A stream record in the shape pipes filter and render ({@link StreamRecords}). */
    public record Read(String sequenceNumber, ObjectNode event) {
    }

    private static final class Cursor {
        final String id;
        final String parentId;
        String iterator;
        ShardIteratorType startType;
        String startAfter;
        String lastRead;
        boolean closed;
        /** Every record up to this one is handed on (delivered or filtered out). */
        String handed;
        String committed;
        boolean finishCommitted;

        Cursor(String id, String parentId) {
            this.id = id;
            this.parentId = parentId;
        }
    }

    private final String pipeName;
    private final String streamArn;
    private final StreamShards streams;
    private final ShardIteratorType startingPosition;
    private final ShardCheckpoints checkpoints;
    private final Map<String, ShardCheckpoints.Checkpoint> saved;
    private final Clock clock;
    private final Map<String, Cursor> shards = new LinkedHashMap<>();
    private final AtomicLong read = new AtomicLong();
    private Instant nextDiscovery = Instant.MIN;
    private boolean discovered;

    /** @param startingPosition the pipe's {@code StartingPosition} (TRIM_HORIZON or LATEST) */
    public ShardReader(String pipeName, String streamArn, StreamShards streams, String startingPosition,
                ShardCheckpoints checkpoints, Clock clock) {
        this.pipeName = pipeName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.startingPosition = ShardIteratorType.fromValue(startingPosition);
        this.checkpoints = checkpoints;
        this.saved = checkpoints.load();
        this.clock = clock;
    }

    /** Looks for new shards if it is time to. */
    public void discoverIfDue() {
        if (!clock.instant().isBefore(nextDiscovery)) {
            discover();
        }
    }

    /** Looks for new shards now. */
    public void discover() {
        nextDiscovery = clock.instant().plusSeconds(DISCOVERY_SECONDS);
        boolean first = !discovered;
        for (StreamShards.ShardInfo shard : streams.shards()) {
            shards.computeIfAbsent(shard.id(), id -> cursor(id, shard.parentId(), first));
        }
        discovered = true;
    }

    private Cursor cursor(String id, String parentId, boolean presentAtStart) {
        Cursor cursor = new Cursor(id, parentId);
        ShardCheckpoints.Checkpoint checkpoint = saved.get(id);
        if (checkpoint != null) {
            cursor.handed = checkpoint.sequenceNumber();
            cursor.committed = checkpoint.sequenceNumber();
            cursor.startAfter = checkpoint.sequenceNumber();
            cursor.closed = checkpoint.finished();
            cursor.finishCommitted = checkpoint.finished();
        }
        cursor.startType = presentAtStart && saved.isEmpty() ? startingPosition : ShardIteratorType.TRIM_HORIZON;
        return cursor;
    }

    /** The shards found so far, in the order they were found. */
    public List<String> shards() {
        return List.copyOf(shards.keySet());
    }

    /** Whether it is this shard's turn: open, and its parent (if known) closed and settled. */
    public boolean readable(String shardId, Predicate<String> settled) {
        Cursor cursor = shards.get(shardId);
        if (cursor.closed) {
            return false;
        }
        Cursor parent = cursor.parentId == null ? null : shards.get(cursor.parentId);
        return parent == null || parent.closed && settled.test(parent.id);
    }

    /** Whether the shard is closed and read to its end. */
    public boolean closed(String shardId) {
        return shards.get(shardId).closed;
    }

    /** Reads the shard's next page; empty when there was nothing, or the shard must be read again from elsewhere. */
    public List<Read> poll(String shardId) {
        Cursor shard = shards.get(shardId);
        if (shard.iterator == null) {
            shard.iterator = iterator(shard);
        }
        StreamShards.Page page;
        try {
            page = streams.read(shard.iterator, PAGE_LIMIT);
        } catch (ExpiredIteratorException e) {
            shard.iterator = null;
            return List.of();
        } catch (TrimmedDataAccessException e) {
            if (shard.lastRead == null && shard.startAfter == null) {
                // DynamoDB Local answers this to an iterator taken on a shard that was still empty
                // (aws/aws-sdk-java#2923): nothing was trimmed, a new iterator reads the records.
                LOG.debug("pipe {}: shard {} reports trimmed data before its first record; reading it again",
                        pipeName, shard.id);
            } else {
                LOG.warn("pipe {}: records of shard {} were trimmed before they were read; reading from its oldest record",
                        pipeName, shard.id);
            }
            shard.iterator = null;
            shard.lastRead = null;
            shard.startAfter = null;
            shard.startType = ShardIteratorType.TRIM_HORIZON;
            return List.of();
        }
        List<Read> records = new ArrayList<>(page.records().size());
        for (Record record : page.records()) {
            records.add(new Read(record.dynamodb().sequenceNumber(), StreamRecords.toEvent(record, streamArn)));
        }
        // The place moves only once the whole page is converted: if a record fails, none of the
        // page was handed on, and a new iterator must not start after any of it.
        if (!records.isEmpty()) {
            shard.lastRead = records.get(records.size() - 1).sequenceNumber();
        }
        read.addAndGet(records.size());
        shard.iterator = page.nextIterator();
        if (shard.iterator == null) {
            shard.closed = true;
            // a closed shard is followed by its children: look for them at once
            nextDiscovery = Instant.MIN;
        }
        return records;
    }

    private String iterator(Cursor shard) {
        String after = shard.lastRead != null ? shard.lastRead : shard.startAfter;
        if (after != null) {
            return streams.iterator(shard.id, ShardIteratorType.AFTER_SEQUENCE_NUMBER, after);
        }
        return streams.iterator(shard.id, shard.startType, null);
    }

    /** Every record of the shard up to this one is handed on: delivered, or filtered out. */
    public void handed(String shardId, String sequenceNumber) {
        shards.get(shardId).handed = sequenceNumber;
    }

    /**
     * Saves the position of every shard that moved, and marks finished the closed shards whose
     * records are all settled. Call it only when everything handed on is durable.
     */
    public void checkpoint(Predicate<String> settled) {
        for (Cursor shard : shards.values()) {
            boolean finished = shard.closed && settled.test(shard.id);
            if (!Objects.equals(shard.handed, shard.committed) || (finished && !shard.finishCommitted)) {
                checkpoints.save(new ShardCheckpoints.Checkpoint(shard.id, shard.handed, finished));
                shard.committed = shard.handed;
                shard.finishCommitted = finished;
            }
        }
    }

    /** Stream records read so far. */
    public long read() {
        return read.get();
    }
}
