package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB stream record as a pipe sees it, in the JSON shape of the events Lambda and
 * EventBridge Pipes receive from a DynamoDB stream: {@code eventName}, {@code dynamodb.NewImage}
 * in DynamoDB JSON ({@code {"status": {"S": "SUCCEEDED"}}}, numbers as {@code {"N": "42"}}), and
 * {@code ApproximateCreationDateTime} in epoch seconds. Filters and input templates work on it.
 */
public final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecords() {
    }

    public static ObjectNode toEvent(Record record, String streamArn) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventID", record.eventID());
        event.put("eventName", record.eventNameAsString());
        event.put("eventVersion", record.eventVersion());
        event.put("eventSource", record.eventSource());
        event.put("awsRegion", record.awsRegion());
        StreamRecord stream = record.dynamodb();
        ObjectNode dynamodb = event.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", BigDecimal.valueOf(stream.approximateCreationDateTime().toEpochMilli(), 3)
                    .stripTrailingZeros());
        }
        if (stream.hasKeys()) {
            dynamodb.set("Keys", image(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", image(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", image(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            dynamodb.put("SizeBytes", stream.sizeBytes());
        }
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            ObjectNode identity = event.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        event.put("eventSourceARN", streamArn);
        return event;
    }

    /** An item (or key) in DynamoDB JSON. */
    public static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = JSON.createObjectNode();
        item.forEach((name, value) -> image.set(name, attribute(value)));
        return image;
    }

    static JsonNode attribute(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode list = node.putArray("BS");
                value.bs().forEach(bytes -> list.add(base64(bytes)));
            }
            case M -> node.set("M", image(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(item -> list.add(attribute(item)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type in " + value);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
