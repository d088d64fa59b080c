package com.rushgate.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.pipes.SdkStreamShards;
import com.rushgate.local.pipes.ShardCheckpoints;
import com.rushgate.local.pipes.ShardReader;
import com.rushgate.local.pipes.StreamShards;
import com.rushgate.local.template.StackModel.StreamTrigger;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's event source mapping for one DynamoDB stream trigger, on one thread: it reads every
 * shard through a {@link ShardReader} (as the stream pipe does: parents before children, from the
 * trigger's StartingPosition, checkpoints kept), and invokes the function per shard, in order,
 * with batches of up to BatchSize records, or fewer once the oldest has waited
 * MaximumBatchingWindowInSeconds.
 *
 * <p>Failures, as Lambda handles them: a function error (or a throttle) delivers the same records
 * again, halved each time with BisectBatchOnFunctionError, until they succeed or
 * MaximumRetryAttempts is spent (-1: never; then the batch is skipped and logged, as Lambda would
 * send it to an on-failure destination). With ReportBatchItemFailures, the records before the
 * reported one are done and the batch is delivered again from it; an answer that cannot be read,
 * or names no record of the batch, fails the whole batch. A shard's checkpoint moves only past
 * records the function has taken.
 *
 * <p>With TumblingWindowInSeconds the event carries the window, the shard's state (what the last
 * answer of the window returned) and its {@code shardId}, and an answer without {@code state} is a
 * failure; the window's final empty invocation is not emulated. Shards are served one after
 * another, where Lambda would run them at the same time.
 */
public final class StreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Pending {
        final Deque<ShardReader.Read> records = new ArrayDeque<>();
        Instant oldest;
        int limit;
        int attempts;
        ObjectNode state = JSON.createObjectNode();
        long window = Long.MIN_VALUE;
    }

    private final StreamTrigger trigger;
    private final Invoker function;
    private final String region;
    private final ShardReader reader;
    private final Clock clock;
    private final Duration pollInterval;
    private final Map<String, Pending> shards = new LinkedHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread worker;
    private volatile boolean running = true;

    /** Starts polling at once. */
    public StreamPoller(StreamTrigger trigger, Invoker function, DynamoDbStreamsClient streams, String region,
                        ShardCheckpoints checkpoints, Duration pollInterval) {
        this(trigger, function, new SdkStreamShards(streams, trigger.sourceArn()), region, checkpoints,
                Clock.systemUTC(), pollInterval, true);
    }

    /**
     * On a stream of the caller's; {@code start} false leaves the rounds to the caller ({@link #cycle}).
     *
     * @param pollInterval how long an idle shard waits before it is read again, and a failed batch before it is retried
     */
    StreamPoller(StreamTrigger trigger, Invoker function, StreamShards streams, String region,
                 ShardCheckpoints checkpoints, Clock clock, Duration pollInterval, boolean start) {
        this.trigger = trigger;
        this.function = function;
        this.region = region;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.reader = new ShardReader(trigger.functionId() + "." + trigger.eventName(), trigger.sourceArn(), streams,
                trigger.startingPosition(), checkpoints, clock);
        this.worker = new Thread(this::run, "stream-" + trigger.functionId());
        this.worker.setDaemon(true);
        if (start) {
            worker.start();
        }
    }

    private void run() {
        while (running) {
            boolean busy;
            try {
                busy = cycle();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("stream trigger of {} failed, retrying: {}", trigger.functionId(), e.toString());
                busy = false;
            }
            if (!busy) {
                pause(pollInterval);
            }
        }
    }

    /** One round: reads what each shard has, invokes the batches that are due; true if there is more to do at once. */
    boolean cycle() {
        reader.discoverIfDue();
        boolean busy = false;
        for (String shard : reader.shards()) {
            Pending pending = shards.computeIfAbsent(shard, id -> new Pending());
            if (pending.records.size() < trigger.batchSize() && reader.readable(shard, this::settled)) {
                List<ShardReader.Read> page = reader.poll(shard);
                if (!page.isEmpty() && pending.records.isEmpty()) {
                    pending.oldest = clock.instant();
                }
                pending.records.addAll(page);
                busy |= page.size() >= ShardReader.PAGE_LIMIT;
            }
            busy |= dispatch(shard, pending);
        }
        reader.checkpoint(this::settled);
        return busy;
    }

    private boolean settled(String shardId) {
        Pending pending = shards.get(shardId);
        return pending == null || pending.records.isEmpty();
    }

    /** Invokes the shard's batch if it is due; true if a batch was invoked. */
    private boolean dispatch(String shard, Pending pending) {
        if (pending.records.isEmpty()) {
            return false;
        }
        boolean windowOver = !clock.instant().isBefore(pending.oldest.plusSeconds(trigger.batchingWindowSeconds()));
        if (pending.records.size() < trigger.batchSize() && !windowOver && pending.attempts == 0) {
            return false;
        }
        int size = Math.min(pending.records.size(), pending.limit > 0 ? pending.limit : trigger.batchSize());
        List<ShardReader.Read> batch = new ArrayList<>(pending.records).subList(0, size);
        int done = invoke(shard, pending, batch);
        if (done < 0) {
            failedBatches.incrementAndGet();
            pending.attempts++;
            if (trigger.maximumRetryAttempts() >= 0 && pending.attempts > trigger.maximumRetryAttempts()) {
                LOG.error("{}: a batch of {} records of shard {} failed {} times; skipped, as Lambda would",
                        trigger.functionId(), size, shard, pending.attempts);
                skipped.addAndGet(size);
                done = size;
            } else {
                if (trigger.bisectBatchOnFunctionError()) {
                    pending.limit = Math.max(1, size / 2);
                }
                pause(pollInterval);
                return true;
            }
        }
        for (int i = 0; i < done; i++) {
            reader.handed(shard, pending.records.pollFirst().sequenceNumber());
        }
        delivered.addAndGet(done);
        if (done == size) {
            pending.attempts = 0;
            pending.limit = 0;
        } else {
            // a partial failure: delivered again from the reported record
            failedBatches.incrementAndGet();
            pending.attempts++;
            pause(pollInterval);
        }
        pending.oldest = clock.instant();
        return true;
    }

    /** Invokes the function; how many records of the batch, from its start, it took, or -1 for none. */
    private int invoke(String shard, Pending pending, List<ShardReader.Read> batch) {
        Invocation invocation = function.invoke(event(shard, pending, batch));
        if (!invocation.succeeded()) {
            LOG.warn("{} failed on a batch of {} records of shard {}: {}", trigger.functionId(), batch.size(), shard,
                    invocation.payloadText());
            return -1;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(invocation.payload());
        } catch (IOException e) {
            answer = null;
        }
        if (trigger.tumblingWindowSeconds() > 0) {
            if (answer == null || !answer.path("state").isObject()) {
                LOG.warn("{} answered a window's batch without its state: {}", trigger.functionId(), invocation.payloadText());
                return -1;
            }
            pending.state = (ObjectNode) answer.get("state");
        }
        if (!trigger.reportBatchItemFailures() || answer == null || !answer.has("batchItemFailures")
                || answer.get("batchItemFailures").isEmpty()) {
            return batch.size();
        }
        String first = answer.get("batchItemFailures").get(0).path("itemIdentifier").asText(null);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(first)) {
                return i == 0 ? -1 : i;
            }
        }
        return -1;
    }

    private byte[] event(String shard, Pending pending, List<ShardReader.Read> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (ShardReader.Read read : batch) {
            ObjectNode record = read.event().deepCopy();
            record.put("awsRegion", region);
            records.add(record);
        }
        int seconds = trigger.tumblingWindowSeconds();
        if (seconds > 0) {
            long window = Math.floorDiv(clock.instant().getEpochSecond(), seconds) * seconds;
            if (window != pending.window) {
                pending.window = window;
                pending.state = JSON.createObjectNode();
            }
            event.putObject("window").put("start", Instant.ofEpochSecond(window).toString())
                    .put("end", Instant.ofEpochSecond(window + seconds).toString());
            event.set("state", pending.state);
            event.put("shardId", shard);
            event.put("eventSourceARN", trigger.sourceArn());
            event.put("isFinalInvokeForWindow", false);
            event.put("isWindowTerminatedEarly", false);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Records the function has taken. */
    public long delivered() {
        return delivered.get();
    }

    /** Invocations that failed, wholly or in part. */
    public long failedBatches() {
        return failedBatches.get();
    }

    /** Records given up after MaximumRetryAttempts. */
    public long skipped() {
        return skipped.get();
    }

    public StreamTrigger trigger() {
        return trigger;
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
