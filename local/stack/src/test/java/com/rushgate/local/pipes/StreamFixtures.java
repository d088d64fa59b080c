package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Stream records as a pipe receives them (src/test/resources/streams), the same records as the
 * Streams API's SDK gives them, and the repository's template.
 */
public final class StreamFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFixtures() {
    }

    static JsonNode record(String name) {
        try (InputStream in = StreamFixtures.class.getResourceAsStream("/streams/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture event for a pipe (no copy shares a node with another). */
    static ObjectNode event(String name) {
        return (ObjectNode) record(name);
    }

    /**
     * A fixture as the SDK's {@code GetRecords} returns it, for a request of its own.
     *
     * @param sequenceNumber replaces the fixture's
     * @param requestId      replaces the request's id in the keys and images
     */
    public static Record sdkRecord(String name, String sequenceNumber, String requestId) {
        JsonNode event = record(name);
        JsonNode dynamodb = event.get("dynamodb");
        StreamRecord.Builder stream = StreamRecord.builder()
                .approximateCreationDateTime(Instant.ofEpochSecond(dynamodb.get("ApproximateCreationDateTime").asLong()))
                .keys(image(dynamodb.get("Keys"), requestId))
                .sequenceNumber(sequenceNumber)
                .sizeBytes(dynamodb.get("SizeBytes").asLong())
                .streamViewType(dynamodb.get("StreamViewType").asText());
        if (dynamodb.has("NewImage")) {
            stream.newImage(image(dynamodb.get("NewImage"), requestId));
        }
        if (dynamodb.has("OldImage")) {
            stream.oldImage(image(dynamodb.get("OldImage"), requestId));
        }
        return Record.builder().eventID(event.get("eventID").asText()).eventName(event.get("eventName").asText())
                .eventVersion(event.get("eventVersion").asText()).eventSource(event.get("eventSource").asText())
                .awsRegion(event.get("awsRegion").asText()).dynamodb(stream.build()).build();
    }

    /** The fixture's own request and sequence number, as the SDK gives them. */
    static Record sdkRecord(String name) {
        JsonNode event = record(name);
        return sdkRecord(name, event.get("dynamodb").get("SequenceNumber").asText(),
                event.get("dynamodb").get("Keys").get("requestId").get("S").asText());
    }

    private static Map<String, AttributeValue> image(JsonNode image, String requestId) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.fields().forEachRemaining(field -> item.put(field.getKey(), field.getKey().equals("requestId")
                ? AttributeValue.fromS(requestId) : attribute(field.getValue())));
        return item;
    }

    /** DynamoDB JSON to an attribute; the fixtures use strings, numbers, booleans, nulls, maps and lists. */
    private static AttributeValue attribute(JsonNode typed) {
        Map.Entry<String, JsonNode> value = typed.fields().next();
        return switch (value.getKey()) {
            case "S" -> AttributeValue.fromS(value.getValue().asText());
            case "N" -> AttributeValue.fromN(value.getValue().asText());
            case "BOOL" -> AttributeValue.fromBool(value.getValue().asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                value.getValue().fields().forEachRemaining(field -> map.put(field.getKey(), attribute(field.getValue())));
                yield AttributeValue.fromM(map);
            }
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                value.getValue().forEach(element -> list.add(attribute(element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("no fixture uses " + value.getKey());
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static StackModel model() {
        Template template = Template.load(Path.of(System.getProperty("rushgate.root", "..")).resolve("template.yaml"));
        LocalNames names = new LocalNames(template, ParameterValues.of(template, Map.of()), "us-east-1",
                URI.create("http://127.0.0.1:9324"), secret -> "secret-" + secret);
        return StackModel.resolve(template, names);
    }

    static StackModel.PipeSpec analyticsPipe() {
        return model().pipes().get(0);
    }
}
