package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An EventBridge pipe from a DynamoDB stream to a Firehose delivery stream, on one thread.
 *
 * <p>It reads every shard of the stream through the Streams API (a parent shard before its
 * children; {@code GetRecords} pages of up to 1,000 records, every poll interval when idle),
 * keeps the records that match the template's {@code FilterCriteria}, gathers them in batches of
 * {@code BatchSize} or {@code MaximumBatchingWindowInSeconds}, renders each with the
 * {@code InputTemplate} and puts the batch into the {@link LocalDeliveryStream}. A rendering that
 * is not valid JSON goes to the pipe's dead letter queue, which is where {@code AUTOMATIC_BISECT}
 * leaves a bad record in AWS.
 *
 * <p>Checkpoints: a shard's position is saved only when everything read up to it is durably in
 * the lake (the delivery buffer is empty), so a new pipe started after a crash ({@link #halt()})
 * reads again from there and loses nothing. {@link #close()} is the clean stop: it delivers what
 * it has first.
 */
public final class StreamPipe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPipe.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int GET_RECORDS_LIMIT = 1000;
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(60);
    private static final int FLUSH_ROUNDS = 200;
    private static final Object WAKE = new Object();

    /** A record read from a shard and not yet handed to the delivery stream. */
    private record Entry(String sequenceNumber, ObjectNode event, Instant arrival) {
        boolean matched() {
            return event != null;
        }
    }

    private final class Shard {
        final String id;
        final String parentId;
        String iterator;
        ShardIteratorType startType;
        String startAfter;
        String lastRead;
        final Deque<Entry> pending = new ArrayDeque<>();
        int pendingMatches;
        /** Every record up to this one is in the delivery stream or filtered out. */
        String handed;
        String committed;
        boolean closed;
        boolean finishCommitted;

        Shard(String id, String parentId) {
            this.id = id;
            this.parentId = parentId;
        }

        boolean drained() {
            return closed && pending.isEmpty();
        }

        boolean readable() {
            if (closed) {
                return false;
            }
            Shard parent = parentId == null ? null : shards.get(parentId);
            return parent == null || parent.drained();
        }
    }

    private final PipeSpec spec;
    private final String streamArn;
    private final List<EventPattern> filters;
    private final InputTemplate template;
    private final LocalDeliveryStream delivery;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final ShardCheckpoints checkpoints;
    private final Map<String, ShardCheckpoints.Checkpoint> savedCheckpoints;
    private final Clock clock;
    private final Duration pollInterval;
    private final Map<String, String> reserved;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread worker;
    private Instant nextDiscovery = Instant.MIN;
    private boolean discovered;
    private volatile boolean running = true;
    private volatile boolean halted;

    /**
     * Starts the pipe's thread at once.
     *
     * @param deadLetterQueueUrl the pipe's DLQ, or null if it has none
     * @param checkpoints        where this pipe keeps its shard positions
     * @throws IllegalArgumentException if the filter or the input template use what is not emulated
     */
    public StreamPipe(PipeSpec spec, LocalDeliveryStream delivery, DynamoDbStreamsClient streams, SqsClient sqs,
                      String deadLetterQueueUrl, ShardCheckpoints checkpoints, Clock clock, Duration pollInterval) {
        this.spec = spec;
        this.streamArn = spec.sourceArn();
        this.filters = spec.filterPatterns().stream().map(EventPattern::parse).toList();
        this.template = spec.inputTemplate() == null ? null : InputTemplate.parse(spec.inputTemplate());
        this.delivery = delivery;
        this.streams = streams;
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.checkpoints = checkpoints;
        this.savedCheckpoints = checkpoints.load();
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.reserved = Map.of("aws.pipes.pipe-arn", spec.arn(), "aws.pipes.pipe-name", spec.name(),
                "aws.pipes.source-arn", spec.sourceArn(), "aws.pipes.target-arn", spec.targetArn(),
                "aws.pipes.enrichment-arn", "");
        this.worker = new Thread(this::run, "pipe-" + spec.logicalId());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    // ------------------------------------------------------------------ the pipe's thread

    private void run() {
        while (running) {
            boolean more;
            try {
                more = cycle();
                serveFlushes();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("pipe {} failed, retrying: {}", spec.name(), e.toString());
                pause(FAILURE_PAUSE);
                continue;
            }
            if (!more) {
                pause(pollInterval);
            }
        }
        CompletableFuture<Void> request;
        while ((request = flushRequests.poll()) != null) {
            request.completeExceptionally(new IllegalStateException("pipe " + spec.name() + " stopped"));
        }
    }

    /** One round of reading, batching and delivering; true if a shard had more than one page to give. */
    private boolean cycle() {
        if (!clock.instant().isBefore(nextDiscovery)) {
            discover();
        }
        boolean more = false;
        for (Shard shard : List.copyOf(shards.values())) {
            if (shard.readable()) {
                more |= poll(shard) >= GET_RECORDS_LIMIT;
            }
        }
        for (Shard shard : shards.values()) {
            dispatch(shard, false);
        }
        delivery.flushIfDue();
        commit();
        return more;
    }

    /** Reads to the end of every shard, then delivers everything, for the callers of {@link #flush()}. */
    private void serveFlushes() {
        if (flushRequests.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> served = new ArrayList<>();
        CompletableFuture<Void> request;
        while ((request = flushRequests.poll()) != null) {
            served.add(request);
        }
        try {
            for (int round = 0; round < FLUSH_ROUNDS; round++) {
                discover();
                int count = 0;
                boolean opened = false;
                for (Shard shard : List.copyOf(shards.values())) {
                    if (shard.readable()) {
                        count += poll(shard);
                        opened |= shard.closed;
                    }
                }
                if (count == 0 && !opened) {
                    break;
                }
            }
            for (Shard shard : shards.values()) {
                dispatch(shard, true);
            }
            delivery.flush();
            commit();
            served.forEach(r -> r.complete(null));
        } catch (RuntimeException e) {
            served.forEach(r -> r.completeExceptionally(e));
            throw e;
        }
    }

    private void discover() {
        nextDiscovery = clock.instant().plus(DISCOVERY_INTERVAL);
        boolean first = !discovered;
        String last = null;
        do {
            String start = last;
            StreamDescription description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(start))
                    .streamDescription();
            for (software.amazon.awssdk.services.dynamodb.model.Shard described : description.shards()) {
                if (!shards.containsKey(described.shardId())) {
                    shards.put(described.shardId(), newShard(described.shardId(), described.parentShardId(), first));
                }
            }
            last = description.lastEvaluatedShardId();
        } while (last != null);
        discovered = true;
    }

    private Shard newShard(String id, String parentId, boolean presentAtStart) {
        Shard shard = new Shard(id, parentId);
        ShardCheckpoints.Checkpoint checkpoint = savedCheckpoints.get(id);
        if (checkpoint != null) {
            shard.handed = checkpoint.sequenceNumber();
            shard.committed = checkpoint.sequenceNumber();
            shard.startAfter = checkpoint.sequenceNumber();
            shard.closed = checkpoint.finished();
            shard.finishCommitted = checkpoint.finished();
        }
        // StartingPosition applies to the shards a new pipe finds; any later shard, or any shard of
        // a pipe that has checkpoints, is read from its start so that nothing is skipped.
        shard.startType = presentAtStart && savedCheckpoints.isEmpty()
                ? ShardIteratorType.fromValue(spec.startingPosition()) : ShardIteratorType.TRIM_HORIZON;
        return shard;
    }

    /** Reads one page of a shard; returns how many records it held. */
    private int poll(Shard shard) {
        if (shard.iterator == null) {
            shard.iterator = iterator(shard);
        }
        GetRecordsResponse response;
        try {
            String iterator = shard.iterator;
            response = streams.getRecords(g -> g.shardIterator(iterator).limit(GET_RECORDS_LIMIT));
        } catch (ExpiredIteratorException e) {
            shard.iterator = null;
            return 0;
        } catch (TrimmedDataAccessException e) {
            if (shard.lastRead == null && shard.startAfter == null) {
                // DynamoDB Local answers this to an iterator taken on a shard that was still empty
                // (aws/aws-sdk-java#2923): nothing was trimmed, a new iterator reads the records.
                LOG.debug("pipe {}: shard {} reports trimmed data before its first record; reading it again",
                        spec.name(), shard.id);
            } else {
                LOG.warn("pipe {}: records of shard {} were trimmed before they were read; reading from its oldest record",
                        spec.name(), shard.id);
            }
            shard.iterator = null;
            shard.lastRead = null;
            shard.startAfter = null;
            shard.startType = ShardIteratorType.TRIM_HORIZON;
            return 0;
        }
        Instant now = clock.instant();
        for (Record record : response.records()) {
            String sequence = record.dynamodb().sequenceNumber();
            shard.lastRead = sequence;
            read.incrementAndGet();
            ObjectNode event = StreamRecords.toEvent(record, streamArn);
            if (passes(event)) {
                matched.incrementAndGet();
                shard.pending.addLast(new Entry(sequence, event, now));
                shard.pendingMatches++;
                waiting.incrementAndGet();
            } else if (shard.pending.isEmpty()) {
                shard.handed = sequence;
            } else {
                shard.pending.addLast(new Entry(sequence, null, now));
            }
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.closed = true;
            nextDiscovery = Instant.MIN;
        }
        return response.records().size();
    }

    private String iterator(Shard shard) {
        String after = shard.lastRead != null ? shard.lastRead : shard.startAfter;
        if (after != null) {
            return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard.id)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
        }
        return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard.id)
                .shardIteratorType(shard.startType)).shardIterator();
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

    /** Hands the shard's ready batches to the delivery stream; all of them when forced. */
    private void dispatch(Shard shard, boolean force) {
        while (!shard.pending.isEmpty()) {
            while (!shard.pending.isEmpty() && !shard.pending.peekFirst().matched()) {
                shard.handed = shard.pending.pollFirst().sequenceNumber();
            }
            if (shard.pending.isEmpty()) {
                return;
            }
            boolean windowOver = !clock.instant().isBefore(shard.pending.peekFirst().arrival()
                    .plusSeconds(spec.batchingWindowSeconds()));
            if (!force && !windowOver && shard.pendingMatches < spec.batchSize()) {
                return;
            }
            List<Entry> batch = new ArrayList<>();
            String last = null;
            while (!shard.pending.isEmpty() && batch.size() < spec.batchSize()) {
                Entry entry = shard.pending.pollFirst();
                last = entry.sequenceNumber();
                if (entry.matched()) {
                    batch.add(entry);
                }
            }
            shard.pendingMatches -= batch.size();
            waiting.addAndGet(-batch.size());
            deliver(shard, batch);
            shard.handed = last;
        }
    }

    private void deliver(Shard shard, List<Entry> batch) {
        List<String> records = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            String record;
            if (template == null) {
                record = entry.event().toString();
            } else {
                Map<String, String> variables = new LinkedHashMap<>(reserved);
                variables.put("aws.pipes.event.ingestion-time", entry.arrival().toString());
                record = template.render(entry.event(), variables);
                if (template.isJson() && !isJson(record)) {
                    deadLetter(shard, entry, "the input template did not render valid JSON: " + record);
                    continue;
                }
            }
            records.add(record);
        }
        if (!records.isEmpty()) {
            delivery.put(records);
        }
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What Pipes sends to a stream source's DLQ: where the failed records are, not the records. */
    private void deadLetter(Shard shard, Entry entry, String reason) {
        deadLettered.incrementAndGet();
        LOG.warn("pipe {}: record {} of shard {} goes to the dead letter queue: {}", spec.name(), entry.sequenceNumber(),
                shard.id, reason);
        if (deadLetterQueueUrl == null) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode context = body.putObject("requestContext");
        context.put("pipeArn", spec.arn());
        context.put("condition", "TransformationFailed");
        context.put("approximateInvokeCount", 1);
        body.put("timestamp", clock.instant().toString());
        body.put("errorMessage", reason);
        ObjectNode info = body.putObject("DDBStreamBatchInfo");
        info.put("shardId", shard.id);
        info.put("startSequenceNumber", entry.sequenceNumber());
        info.put("endSequenceNumber", entry.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", entry.arrival().toString());
        info.put("approximateArrivalOfLastRecord", entry.arrival().toString());
        info.put("batchSize", 1);
        info.put("streamArn", streamArn);
        sqs.sendMessage(s -> s.queueUrl(deadLetterQueueUrl).messageBody(body.toString()));
    }

    /** Saves the shards' positions, but only while nothing handed over waits in the delivery buffer. */
    private void commit() {
        if (!delivery.isEmpty()) {
            return;
        }
        for (Shard shard : shards.values()) {
            boolean finished = shard.drained();
            if (!Objects.equals(shard.handed, shard.committed) || (finished && !shard.finishCommitted)) {
                checkpoints.save(new ShardCheckpoints.Checkpoint(shard.id, shard.handed, finished));
                shard.committed = shard.handed;
                shard.finishCommitted = finished;
            }
        }
    }

    private void pause(Duration duration) {
        try {
            wakeups.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // ------------------------------------------------------------------ for other threads

    /**
     * Reads everything the stream holds now and delivers it: when this returns, every final
     * record written before the call is in the lake.
     *
     * @throws IllegalStateException if the pipe is stopped or could not deliver within a minute
     */
    public void flush() {
        if (!running) {
            throw new IllegalStateException("pipe " + spec.name() + " is stopped");
        }
        CompletableFuture<Void> request = new CompletableFuture<>();
        flushRequests.add(request);
        wakeups.offer(WAKE);
        try {
            request.get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pipe " + spec.name() + " could not flush: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipe " + spec.name() + " did not flush within " + FLUSH_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing pipe " + spec.name(), e);
        }
    }

    /**
     * Stops at once, like a crash: what is buffered is dropped and no checkpoint moves. A new pipe
     * on the same checkpoints reads those records again.
     */
    public void halt() {
        halted = true;
        stop();
    }

    /** The clean stop: delivers what it has read, then stops. */
    @Override
    public void close() {
        if (halted || !running) {
            stop();
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("pipe {} could not deliver everything before stopping: {}", spec.name(), e.toString());
        }
        stop();
    }

    private void stop() {
        running = false;
        wakeups.offer(WAKE);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public PipeSpec spec() {
        return spec;
    }

    public LocalDeliveryStream delivery() {
        return delivery;
    }

    /** Stream records read so far. */
    public long read() {
        return read.get();
    }

    /** Records that passed the filter. */
    public long matched() {
        return matched.get();
    }

    /** Records sent to the dead letter queue. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Records read and not yet written to the lake: waiting for a batch, or in the delivery buffer. */
    public long buffered() {
        return waiting.get() + delivery.buffered();
    }
}
