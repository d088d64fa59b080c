package com.rushgate.local.pipes;

import com.rushgate.local.template.StackModel.PipeSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An EventBridge pipe from a DynamoDB stream to a Firehose delivery stream, on one thread.
 *
 * <p>Three parts do the work: the {@link ShardReader} reads every shard of the stream (parents
 * before children, pages of up to 1,000 records, every poll interval when idle), the
 * {@link Batcher} keeps what the template's {@code FilterCriteria} match, gathers it in batches of
 * {@code BatchSize} or {@code MaximumBatchingWindowInSeconds} and renders it with the
 * {@code InputTemplate}, and the {@link PipeTarget} puts each batch into the
 * {@link LocalDeliveryStream} and what did not render into the pipe's dead letter queue. This class
 * runs them in turn and decides when a position may be saved.
 *
 * <p>Checkpoints: a shard's position is saved only when everything read up to it is durably in
 * the lake (the delivery buffer is empty), so a new pipe started after a crash ({@link #halt()})
 * reads again from there and loses nothing. {@link #close()} is the clean stop: it delivers what
 * it has first.
 */
public final class StreamPipe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPipe.class);
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(60);
    private static final int FLUSH_ROUNDS = 200;

    private final PipeSpec spec;
    private final LocalDeliveryStream delivery;
    private final ShardReader reader;
    private final Batcher batcher;
    private final PipeTarget target;
    private final Duration pollInterval;
    private final FlushRequests flushes;
    private final Thread worker;
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
        this(spec, delivery, new SdkStreamShards(streams, spec.sourceArn()), deadLetterQueueUrl == null
                ? PipeTarget.DeadLetters.none()
                : body -> sqs.sendMessage(s -> s.queueUrl(deadLetterQueueUrl).messageBody(body)),
                checkpoints, clock, pollInterval);
    }

    /** The same on a stream and a dead letter queue of the caller's. */
    StreamPipe(PipeSpec spec, LocalDeliveryStream delivery, StreamShards streams, PipeTarget.DeadLetters deadLetters,
               ShardCheckpoints checkpoints, Clock clock, Duration pollInterval) {
        this.spec = spec;
        this.delivery = delivery;
        this.pollInterval = pollInterval;
        this.flushes = new FlushRequests(spec.name());
        this.reader = new ShardReader(spec.name(), spec.sourceArn(), streams, spec.startingPosition(), checkpoints, clock);
        this.target = new PipeTarget(spec, delivery::put, deadLetters, clock);
        this.batcher = new Batcher(spec, clock, new Batcher.Downstream() {
            @Override
            public void deliver(Batcher.Batch batch) {
                target.deliver(batch);
            }

            @Override
            public void handed(String shardId, String sequenceNumber) {
                reader.handed(shardId, sequenceNumber);
            }
        });
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
                flushes.serve(this::readAndDeliverEverything);
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
        flushes.refuseAll();
    }

    /** One round of reading, batching and delivering; true if a shard had more than one page to give. */
    private boolean cycle() {
        reader.discoverIfDue();
        boolean more = false;
        for (String shard : reader.shards()) {
            if (reader.readable(shard, batcher::settled)) {
                more |= read(shard) >= ShardReader.PAGE_LIMIT;
            }
        }
        batcher.dispatch(false);
        delivery.flushIfDue();
        commit();
        return more;
    }

    /** Reads to the end of every shard (and of the children of those that close), then delivers everything. */
    private void readAndDeliverEverything() {
        for (int round = 0; round < FLUSH_ROUNDS; round++) {
            reader.discover();
            int count = 0;
            boolean opened = false;
            for (String shard : reader.shards()) {
                if (reader.readable(shard, batcher::settled)) {
                    count += read(shard);
                    opened |= reader.closed(shard);
                }
            }
            if (count == 0 && !opened) {
                break;
            }
        }
        batcher.dispatch(true);
        delivery.flush();
        commit();
    }

    /** Reads one page of a shard into the batcher; returns how many records it held. */
    private int read(String shard) {
        List<ShardReader.Read> page = reader.poll(shard);
        batcher.add(shard, page);
        return page.size();
    }

    /** Saves the shards' positions, but only while nothing handed over waits in the delivery buffer. */
    private void commit() {
        if (delivery.isEmpty()) {
            reader.checkpoint(batcher::settled);
        }
    }

    private void pause(Duration duration) {
        try {
            flushes.pause(duration);
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
        flushes.requestAndWait(FLUSH_WAIT);
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
        flushes.wake();
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
        return reader.read();
    }

    /** Records that passed the filter. */
    public long matched() {
        return batcher.matched();
    }

    /** Records sent to the dead letter queue. */
    public long deadLettered() {
        return target.deadLettered();
    }

    /** Records read and not yet written to the lake: waiting for a batch, or in the delivery buffer. */
    public long buffered() {
        return batcher.waiting() + delivery.buffered();
    }
}
