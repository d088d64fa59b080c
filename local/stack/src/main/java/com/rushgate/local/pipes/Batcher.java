package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pipe does between its source and its target: it keeps the records its
 * {@code FilterCriteria} match, gathers them per shard into batches of {@code BatchSize}, or fewer
 * once the oldest has waited {@code MaximumBatchingWindowInSeconds}, and renders each with the
 * {@code InputTemplate} (without one, a record is the event's JSON). A rendering that is not the
 * JSON its template promises is a failure of that record alone.
 *
 * <p>Records stay in shard order: a record filtered out behind one that waits for its batch is
 * handed on only with that batch, so a shard's position never passes a record not yet delivered.
 * One thread only; the counters may be read from any.
 */
final class Batcher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A record of a batch that could not be rendered for the target. */
    record Failure(String sequenceNumber, Instant arrival, String reason) {
    }

    /** Rendered records of one shard, in order, and the records of it that failed to render. */
    record Batch(String shardId, List<String> records, List<Failure> failures) {
    }

    /** Where batches and shard positions go. */
    interface Downstream {

        /** Takes one batch; if it throws, the shard's position does not move past the batch. */
        void deliver(Batch batch);

        /** Every record of the shard up to this one is delivered or filtered out. */
        void handed(String shardId, String sequenceNumber);
    }

    /** A record read and not yet handed on; {@code event} is null for one the filter dropped. */
    private record Entry(String sequenceNumber, ObjectNode event, Instant arrival) {
        boolean matched() {
            return event != null;
        }
    }

    private static final class Pending {
        final Deque<Entry> entries = new ArrayDeque<>();
        int matches;
    }

    private final List<EventPattern> filters;
    private final InputTemplate template;
    private final Map<String, String> reserved;
    private final int batchSize;
    private final long windowSeconds;
    private final Clock clock;
    private final Downstream downstream;
    private final Map<String, Pending> shards = new LinkedHashMap<>();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();

    /** @throws IllegalArgumentException if the filter or the input template use what is not emulated */
    Batcher(PipeSpec spec, Clock clock, Downstream downstream) {
        this.filters = spec.filterPatterns().stream().map(EventPattern::parse).toList();
        this.template = spec.inputTemplate() == null ? null : InputTemplate.parse(spec.inputTemplate());
        this.reserved = Map.of("aws.pipes.pipe-arn", spec.arn(), "aws.pipes.pipe-name", spec.name(),
                "aws.pipes.source-arn", spec.sourceArn(), "aws.pipes.target-arn", spec.targetArn(),
                "aws.pipes.enrichment-arn", "");
        this.batchSize = spec.batchSize();
        this.windowSeconds = spec.batchingWindowSeconds();
        this.clock = clock;
        this.downstream = downstream;
    }

    /** Takes records just read from a shard, in order; those the filter drops with nothing before them are handed on at once. */
    void add(String shardId, List<ShardReader.Read> records) {
        Pending pending = shards.computeIfAbsent(shardId, id -> new Pending());
        Instant now = clock.instant();
        for (ShardReader.Read record : records) {
            if (passes(record.event())) {
                matched.incrementAndGet();
                pending.entries.addLast(new Entry(record.sequenceNumber(), record.event(), now));
                pending.matches++;
                waiting.incrementAndGet();
            } else if (pending.entries.isEmpty()) {
                downstream.handed(shardId, record.sequenceNumber());
            } else {
                pending.entries.addLast(new Entry(record.sequenceNumber(), null, now));
            }
        }
    }

    private boolean passes(ObjectNode event) {
        if (filters.isEmpty()) {
            return true;
        }
        for (EventPattern filter : filters) {
            if (filter.matches(event)) {
                return true;
            }
        }
        return false;
    }

    /** Hands every ready batch of every shard downstream; every waiting record when forced. */
    void dispatch(boolean force) {
        shards.forEach((shardId, pending) -> dispatch(shardId, pending, force));
    }

    private void dispatch(String shardId, Pending pending, boolean force) {
        Deque<Entry> entries = pending.entries;
        while (!entries.isEmpty()) {
            while (!entries.isEmpty() && !entries.peekFirst().matched()) {
                downstream.handed(shardId, entries.pollFirst().sequenceNumber());
            }
            if (entries.isEmpty()) {
                return;
            }
            boolean windowOver = !clock.instant().isBefore(entries.peekFirst().arrival().plusSeconds(windowSeconds));
            if (!force && !windowOver && pending.matches < batchSize) {
                return;
            }
            List<Entry> batch = new ArrayList<>();
            String last = null;
            while (!entries.isEmpty() && batch.size() < batchSize) {
                Entry entry = entries.pollFirst();
                last = entry.sequenceNumber();
                if (entry.matched()) {
                    batch.add(entry);
                }
            }
            pending.matches -= batch.size();
            waiting.addAndGet(-batch.size());
            downstream.deliver(render(shardId, batch));
            downstream.handed(shardId, last);
        }
    }

    private Batch render(String shardId, List<Entry> batch) {
        List<String> records = new ArrayList<>(batch.size());
        List<Failure> failures = new ArrayList<>();
        for (Entry entry : batch) {
            if (template == null) {
                records.add(entry.event().toString());
                continue;
            }
            Map<String, String> variables = new LinkedHashMap<>(reserved);
            variables.put("aws.pipes.event.ingestion-time", entry.arrival().toString());
            String record = template.render(entry.event(), variables);
            if (template.isJson() && !isJson(record)) {
                failures.add(new Failure(entry.sequenceNumber(), entry.arrival(),
                        "the input template did not render valid JSON: " + record));
            } else {
                records.add(record);
            }
        }
        return new Batch(shardId, records, failures);
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether nothing read from the shard waits here (true for a shard it never saw). */
    boolean settled(String shardId) {
        Pending pending = shards.get(shardId);
        return pending == null || pending.entries.isEmpty();
    }

    /** Records that passed the filter. */
    long matched() {
        return matched.get();
    }

    /** Records that passed the filter and wait for their batch. */
    int waiting() {
        return waiting.get();
    }
}
