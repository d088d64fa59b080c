package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipe's target: each batch's records go to the delivery stream in one put, and each record that
 * could not be rendered goes to the pipe's dead letter queue, which is where
 * {@code AUTOMATIC_BISECT} leaves a bad record in AWS. As Pipes does for a stream source, the dead
 * letter message says where the record is in the stream and why it failed; it does not carry the
 * stream record.
 */
final class PipeTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PipeTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The delivery stream's {@code PutRecordBatch}. */
    interface Records {
        void put(List<String> records);
    }

    /** Sends one message to the pipe's dead letter queue. */
    interface DeadLetters {
        void send(String body);

        /** For a pipe without a dead letter queue: the failure is only logged and counted. */
        static DeadLetters none() {
            return body -> { };
        }
    }

    private final PipeSpec spec;
    private final Records records;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final AtomicLong deadLettered = new AtomicLong();

    PipeTarget(PipeSpec spec, Records records, DeadLetters deadLetters, Clock clock) {
        this.spec = spec;
        this.records = records;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Sends the batch's failures to the dead letter queue, then puts its records, if it has any. */
    void deliver(Batcher.Batch batch) {
        for (Batcher.Failure failure : batch.failures()) {
            deadLetter(batch.shardId(), failure);
        }
        if (!batch.records().isEmpty()) {
            records.put(batch.records());
        }
    }

    private void deadLetter(String shardId, Batcher.Failure failure) {
        deadLettered.incrementAndGet();
        LOG.warn("pipe {}: record {} of shard {} goes to the dead letter queue: {}", spec.name(),
                failure.sequenceNumber(), shardId, failure.reason());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode context = body.putObject("requestContext");
        context.put("pipeArn", spec.arn());
        context.put("condition", "TransformationFailed");
        context.put("approximateInvokeCount", 1);
        body.put("timestamp", clock.instant().toString());
        body.put("errorMessage", failure.reason());
        ObjectNode info = body.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", failure.sequenceNumber());
        info.put("endSequenceNumber", failure.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", failure.arrival().toString());
        info.put("approximateArrivalOfLastRecord", failure.arrival().toString());
        info.put("batchSize", 1);
        info.put("streamArn", spec.sourceArn());
        deadLetters.send(body.toString());
    }

    /** Records sent to the dead letter queue (or only counted, without one). */
    long deadLettered() {
        return deadLettered.get();
    }
}
