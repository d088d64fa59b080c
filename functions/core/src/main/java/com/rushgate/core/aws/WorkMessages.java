package com.rushgate.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.RequestId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The main queue's message format: a small JSON body {@code {"v":1,"requestId","eventId","acceptedAt"}}.
 * The same three fields travel as message attributes, so operators can filter the DLQ without
 * parsing bodies.
 */
public final class WorkMessages {

    public static final String ATTR_REQUEST_ID = "requestId";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_ACCEPTED_AT = "acceptedAt";
    /** Present on a raffle's decisions, absent on a participation's message. */
    public static final String ATTR_KIND = "kind";
    public static final String KIND_DECISIONS = "drawDecisions";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkMessages() {
    }

    public static String encode(WorkMessage message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("v", VERSION);
        body.put("requestId", message.requestId().value());
        body.put("eventId", message.eventId());
        body.put("acceptedAt", Timestamps.format(message.acceptedAt()));
        return body.toString();
    }

    /** @throws UnreadableMessageException with a sentence saying what is wrong */
    public static WorkMessage decode(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnreadableMessageException("body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableMessageException("body is not a JSON object");
        }
        if (node.path("v").asInt(-1) != VERSION) {
            throw new UnreadableMessageException("unsupported message version " + node.path("v"));
        }
        String requestId = node.path("requestId").asText(null);
        String eventId = node.path("eventId").asText(null);
        String acceptedAt = node.path("acceptedAt").asText(null);
        if (!RequestId.isWellFormed(requestId)) {
            throw new UnreadableMessageException("requestId is missing or malformed");
        }
        if (!Event.isValidEventId(eventId)) {
            throw new UnreadableMessageException("eventId is missing or malformed");
        }
        try {
            return new WorkMessage(new RequestId(requestId), eventId, Timestamps.parse(acceptedAt));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new UnreadableMessageException("acceptedAt is missing or not an ISO-8601 instant");
        }
    }

    /**
     * A chunk of a raffle's decisions: {@code {"v":1,"kind":"drawDecisions","eventId","drawnAt",
     * "entries":[{"requestId","acceptedAt" (epoch ms),"verdict"}]}}.
     */
    public static String encode(DrawDecisions chunk) {
        ObjectNode body = JSON.createObjectNode();
        body.put("v", VERSION);
        body.put("kind", KIND_DECISIONS);
        body.put("eventId", chunk.eventId());
        body.put("drawnAt", Timestamps.format(chunk.drawnAt()));
        ArrayNode entries = body.putArray("entries");
        for (EntryDecision entry : chunk.entries()) {
            entries.addObject()
                    .put("requestId", entry.requestId().value())
                    .put("acceptedAt", entry.acceptedAt().toEpochMilli())
                    .put("verdict", entry.verdict().name());
        }
        return body.toString();
    }

    /**
     * The raffle decisions in {@code body}, or empty when it is not a decisions message (a
     * participation's message, or something unreadable, which {@link #decode} then judges).
     *
     * @throws UnreadableMessageException when it says it holds decisions but they cannot be read
     */
    public static Optional<DrawDecisions> decisions(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !KIND_DECISIONS.equals(node.path("kind").asText(null))) {
            return Optional.empty();
        }
        String eventId = node.path("eventId").asText(null);
        if (!Event.isValidEventId(eventId)) {
            throw new UnreadableMessageException("eventId is missing or malformed");
        }
        List<EntryDecision> entries = new ArrayList<>();
        try {
            Instant drawnAt = Timestamps.parse(node.path("drawnAt").asText(null));
            for (JsonNode entry : node.path("entries")) {
                String requestId = entry.path("requestId").asText(null);
                if (!RequestId.isWellFormed(requestId) || !entry.path("acceptedAt").canConvertToLong()) {
                    throw new UnreadableMessageException("an entry lacks a well-formed requestId or acceptedAt");
                }
                entries.add(new EntryDecision(new RequestId(requestId),
                        Instant.ofEpochMilli(entry.path("acceptedAt").asLong()),
                        EntryDecision.Verdict.valueOf(entry.path("verdict").asText(""))));
            }
            return Optional.of(new DrawDecisions(eventId, drawnAt, entries));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new UnreadableMessageException("drawnAt is missing or not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
            throw new UnreadableMessageException("unreadable decisions: " + e.getMessage());
        }
    }

    /** The body cannot be turned into a {@link WorkMessage}. */
    public static final class UnreadableMessageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnreadableMessageException(String message) {
            super(message, null, false, false);
        }
    }
}
