package com.rushgate.tally;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.CountDeltas;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.aws.CountsItem;
import com.rushgate.core.aws.RequestItem;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Tally function's SnapStart hooks. Priming runs the AWS steps the wiring gives (the counts'
 * transaction, built and signed, never sent), then the handler on a stream batch of the priming
 * request's life (recorded, queued, won) over a ledger that only folds it: parsing, folding and the
 * answer are warm, and nothing is written.
 */
final class TallyPriming {

    static final String FUNCTION = "tally";
    static final String EVENT_ID = PrimingPorts.EVENT_ID;
    static final String SHARD_ID = "shardId-snapstart-priming";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TallyPriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps rehearsed writes on the CountsTable
     */
    static SnapStartPriming create(Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        TallyHandler twin = new TallyHandler(new Tally((eventId, shardId, changes) -> {
            CountDeltas.fold(changes, CountsItem::counterOf, CountsItem.ACCEPTED);
            return 1;
        }));
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .steps(awsSteps)
                .step("stream batch of the priming request, folded and answered", () -> {
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    try {
                        twin.handleRequest(new ByteArrayInputStream(batch()), answer, InvocationContext.priming(FUNCTION, 1));
                        JsonNode response = JSON.readTree(answer.toByteArray());
                        if (!response.path("batchItemFailures").isEmpty() || !response.has("state")) {
                            throw new IllegalStateException("the priming batch was not answered as applied: " + response);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .build();
    }

    /** The priming request recorded, queued and won, as the stream delivers it. */
    static byte[] batch() {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        Instant accepted = PrimingPorts.ACCEPTED_AT;
        record(records, "INSERT", 1, null, image("RECEIVED", null));
        record(records, "MODIFY", 2, image("RECEIVED", null), image("QUEUED", null));
        ObjectNode won = image("SUCCEEDED", accepted.plusMillis(250));
        won.putObject(RequestItem.LATENCY_MS).put("N", "250");
        record(records, "MODIFY", 3, image("PROCESSING", null), won);
        event.put("shardId", SHARD_ID);
        event.putObject("window").put("start", Timestamps.format(accepted)).put("end", Timestamps.format(accepted.plusSeconds(60)));
        event.putObject("state");
        event.put("isFinalInvokeForWindow", false);
        event.put("isWindowTerminatedEarly", false);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode image(String status, Instant completedAt) {
        ObjectNode image = JSON.createObjectNode();
        image.putObject(RequestItem.REQUEST_ID).put("S", PrimingPorts.REQUEST_ID.value());
        image.putObject(RequestItem.EVENT_ID).put("S", EVENT_ID);
        image.putObject(RequestItem.STATUS).put("S", status);
        if (completedAt != null) {
            image.putObject(RequestItem.COMPLETED_AT).put("S", Timestamps.format(completedAt));
        }
        return image;
    }

    private static void record(ArrayNode records, String name, int sequence, ObjectNode oldImage, ObjectNode newImage) {
        ObjectNode record = records.addObject();
        record.put("eventID", "priming-" + sequence);
        record.put("eventName", name);
        record.put("eventSource", "aws:dynamodb");
        ObjectNode stream = record.putObject("dynamodb");
        stream.put("ApproximateCreationDateTime", PrimingPorts.ACCEPTED_AT.getEpochSecond() + sequence);
        stream.put("SequenceNumber", String.format("%021d", sequence));
        stream.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        if (oldImage != null) {
            stream.set("OldImage", oldImage);
        }
        stream.set("NewImage", newImage);
    }
}
