package com.rushgate.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.RequestId;
import java.time.format.DateTimeParseException;

/**
 * The main queue's message format: a small JSON body {@code {"v":1,"requestId","eventId","acceptedAt"}}.
 * The same three fields travel as message attributes, so operators can filter the DLQ without
 * parsing bodies.
 */
public final class WorkMessages {

    public static final String ATTR_REQUEST_ID = "requestId";
    public static final String ATTR_EVENT_ID = "eventId";
    public static final String ATTR_ACCEPTED_AT = "acceptedAt";

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

    /** The body cannot be turned into a {@link WorkMessage}. */
    public static final class UnreadableMessageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnreadableMessageException(String message) {
            super(message, null, false, false);
        }
    }
}
