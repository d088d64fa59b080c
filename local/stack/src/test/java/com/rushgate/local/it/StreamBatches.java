package com.rushgate.local.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Batches of the RequestTable's stream as Lambda hands them to the Tally function (a tumbling
 * window's event: Records, shardId, window, state), for tests that invoke it directly.
 */
public final class StreamBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamBatches() {
    }

    /** One INSERT of a RECEIVED request of {@code eventId}, at {@code sequence} of {@code shardId}. */
    public static String received(String eventId, String requestId, String shardId, long sequence, String streamArn) {
        Instant now = Instant.now();
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventID", "it-" + sequence);
        record.put("eventName", "INSERT");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "eu-west-1");
        ObjectNode stream = record.putObject("dynamodb");
        stream.put("ApproximateCreationDateTime", now.getEpochSecond());
        stream.putObject("Keys").putObject("requestId").put("S", requestId);
        ObjectNode image = stream.putObject("NewImage");
        image.putObject("requestId").put("S", requestId);
        image.putObject("eventId").put("S", eventId);
        image.putObject("status").put("S", "RECEIVED");
        image.putObject("acceptedAt").put("S", now.toString());
        stream.put("SequenceNumber", String.format("%021d", sequence));
        stream.put("SizeBytes", 120);
        stream.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", streamArn);
        event.put("shardId", shardId);
        long window = now.getEpochSecond() / 60 * 60;
        event.putObject("window").put("start", Instant.ofEpochSecond(window).toString())
                .put("end", Instant.ofEpochSecond(window + 60).toString());
        event.putObject("state");
        event.put("eventSourceARN", streamArn);
        event.put("isFinalInvokeForWindow", false);
        event.put("isWindowTerminatedEarly", false);
        return event.toString();
    }
}
