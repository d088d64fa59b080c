package com.rushgate.tally;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.StatusChange.Kind;
import com.rushgate.core.aws.RequestItem;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.domain.RequestStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of the RequestTable's stream as Lambda delivers it with a tumbling window
 * ({@code {"Records":[...],"shardId":"...","window":{...},"state":{...}}}), read with Jackson
 * into {@link StatusChange}s. A record that is not a request's (no eventId, no status, a status
 * Rushgate does not know) is skipped with a warning rather than failing the batch: it could never
 * be counted, and a batch that fails for good would hold up its shard.
 *
 * @param shardId    the stream shard every record comes from
 * @param changes    the requests' changes, in the shard's order
 * @param sequences  each change's sequence number as the stream wrote it (Lambda matches batch item
 *                   failures against that text)
 * @param records    how many records the batch held, skipped ones included
 */
record StreamBatch(String shardId, List<StatusChange> changes, Map<BigInteger, String> sequences, int records) {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when the payload is not a stream batch, or has records and no
     *                                  shardId (the event source has no tumbling window)
     */
    static StreamBatch parse(byte[] payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the stream batch is not JSON: " + e.getMessage(), e);
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the stream batch is not a JSON object");
        }
        JsonNode records = event.path("Records");
        String shardId = event.path("shardId").asText(null);
        if (records.size() > 0 && (shardId == null || shardId.isBlank())) {
            throw new IllegalArgumentException("the stream batch has no shardId: its event source needs a tumbling window");
        }
        List<StatusChange> changes = new ArrayList<>();
        Map<BigInteger, String> sequences = new HashMap<>();
        for (JsonNode record : records) {
            String sequence = record.path("dynamodb").path("SequenceNumber").asText(null);
            if (sequence == null) {
                throw new IllegalArgumentException("a stream record without a SequenceNumber");
            }
            StatusChange change = change(record, new BigInteger(sequence));
            if (change != null) {
                changes.add(change);
                sequences.put(change.sequenceNumber(), sequence);
            }
        }
        return new StreamBatch(shardId, List.copyOf(changes), Map.copyOf(sequences), records.size());
    }

    private static StatusChange change(JsonNode record, BigInteger sequence) {
        JsonNode stream = record.path("dynamodb");
        JsonNode newImage = stream.path("NewImage");
        JsonNode oldImage = stream.path("OldImage");
        try {
            Kind kind = Kind.valueOf(record.path("eventName").asText());
            String eventId = text(kind == Kind.REMOVE ? oldImage : newImage, RequestItem.EVENT_ID);
            if (eventId == null) {
                LOG.warn("stream record {} skipped: no eventId", sequence);
                return null;
            }
            return new StatusChange(sequence, eventId, kind, status(oldImage), text(oldImage, RequestItem.REASON),
                    status(newImage), text(newImage, RequestItem.REASON), number(newImage, RequestItem.LATENCY_MS),
                    instant(newImage, RequestItem.COMPLETED_AT), recordedAt(stream, newImage));
        } catch (IllegalArgumentException e) {
            LOG.warn("stream record {} skipped: {}", sequence, e.getMessage());
            return null;
        }
    }

    private static RequestStatus status(JsonNode image) {
        String status = text(image, RequestItem.STATUS);
        return status == null ? null : RequestStatus.valueOf(status);
    }

    private static String text(JsonNode image, String attribute) {
        JsonNode value = image.path(attribute).path("S");
        return value.isTextual() ? value.asText() : null;
    }

    private static Long number(JsonNode image, String attribute) {
        JsonNode value = image.path(attribute).path("N");
        return value.isTextual() ? new BigDecimal(value.asText()).longValue() : null;
    }

    private static Instant instant(JsonNode image, String attribute) {
        String value = text(image, attribute);
        return value == null ? null : Timestamps.parse(value);
    }

    /** The record's ApproximateCreationDateTime (epoch seconds, maybe with a fraction), else the item's updatedAt. */
    private static Instant recordedAt(JsonNode stream, JsonNode newImage) {
        JsonNode created = stream.path("ApproximateCreationDateTime");
        if (created.isNumber()) {
            return Instant.ofEpochMilli(created.decimalValue().movePointRight(3).longValue());
        }
        Instant updated = instant(newImage, RequestItem.UPDATED_AT);
        if (updated == null) {
            throw new IllegalArgumentException("no ApproximateCreationDateTime and no updatedAt");
        }
        return updated;
    }
}
