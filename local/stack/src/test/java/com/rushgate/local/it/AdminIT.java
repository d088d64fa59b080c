package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Admin function from its jar, on the shared stack's DynamoDB Local and ElasticMQ with the real
 * SDK, invoked directly with the signed request of events/admin.json (the local gateway's SigV4 check
 * is not what is tested here).
 */
class AdminIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    /** events/admin.json as {@code method route}, for {@code eventId} (or none), with {@code body}. */
    private static JsonNode call(String method, String route, String eventId, String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("admin.json")).toFile());
        String path = eventId == null ? route : route.replace("{eventId}", eventId);
        event.put("resource", route).put("path", path).put("httpMethod", method).put("body", body);
        if (eventId == null) {
            event.putNull("pathParameters");
        } else {
            ((ObjectNode) event.get("pathParameters")).put("eventId", eventId);
        }
        ((ObjectNode) event.get("requestContext")).put("path", "/prod" + path).put("resourcePath", route)
                .put("httpMethod", method);
        Invocation invocation = stack.invoke("AdminFunction", event.toString());
        assertThat(invocation.succeeded()).as(invocation.payloadText()).isTrue();
        return JSON.readTree(invocation.payloadText());
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return response.get("body").isNull() ? JSON.nullNode() : JSON.readTree(response.get("body").asText());
    }

    @Test
    void createRestockInspectCloseAndDelete_anFcfsEvent_throughTheFunction() throws Exception {
        String eventId = SharedStack.newEventId("admin");
        Instant opens = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

        JsonNode created = call("POST", "/admin/events", null, "{\"eventId\":\"" + eventId
                + "\",\"type\":\"FCFS\",\"capacity\":10,\"opensAt\":\"" + opens + "\"}");
        assertThat(created.get("statusCode").asInt()).as(created.toString()).isEqualTo(201);

        JsonNode shrunk = call("POST", "/admin/events/{eventId}/restock", eventId, "{\"units\":-4}");
        assertThat(body(shrunk).at("/event/capacity").asInt()).isEqualTo(6);
        JsonNode tooMuch = call("POST", "/admin/events/{eventId}/restock", eventId, "{\"units\":-7}");
        assertThat(tooMuch.get("statusCode").asInt()).isEqualTo(409);
        assertThat(body(tooMuch).at("/error/code").asText()).isEqualTo("CAPACITY_BELOW_GRANTED");

        JsonNode report = body(call("GET", "/admin/events/{eventId}", eventId, null));
        assertThat(report.at("/event/state").asText()).isEqualTo("UPCOMING");
        assertThat(report.at("/counts/remaining").asInt()).isEqualTo(6);
        assertThat(report.at("/queue/messages").isIntegralNumber()).as(report.toString()).isTrue();

        JsonNode moved = call("PATCH", "/admin/events/{eventId}", eventId, "{\"opensAt\":\"" + opens.plusSeconds(60) + "\"}");
        assertThat(body(moved).at("/event/opensAt").asText()).isEqualTo(opens.plusSeconds(60).toString().replace("Z", ".000Z"));

        assertThat(call("DELETE", "/admin/events/{eventId}", eventId, null).get("statusCode").asInt()).isEqualTo(204);
        assertThat(SharedStack.events(stack).findLatest(eventId)).isEmpty();
    }

    @Test
    void reseed_beforeOpening_replacesTheSeedItem_andTheWinnersOfAnUndrawnRaffleAreNotDrawn() throws Exception {
        String eventId = SharedStack.newEventId("admin-raffle");
        Instant opens = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = body(call("POST", "/admin/events", null, "{\"eventId\":\"" + eventId
                + "\",\"type\":\"RAFFLE\",\"capacity\":3,\"opensAt\":\"" + opens + "\",\"closesAt\":\""
                + opens.plusSeconds(600) + "\"}"));
        DynamoRaffles raffles = new DynamoRaffles(stack.clients().dynamoDb(), stack.model().functionVariable("EVENT_TABLE"));
        DrawSeed first = raffles.seed(eventId).orElseThrow();
        assertThat(created.at("/event/commitment").asText()).isEqualTo(first.commitment());

        JsonNode reseeded = body(call("PATCH", "/admin/events/{eventId}", eventId, "{\"reseed\":true}"));

        DrawSeed second = raffles.seed(eventId).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(reseeded.at("/event/commitment").asText()).isEqualTo(second.commitment());
        Event stored = SharedStack.events(stack).findLatest(eventId).orElseThrow();
        assertThat(stored.raffle().commitment()).isEqualTo(second.commitment());
        assertThat(body(call("GET", "/admin/events/{eventId}/winners", eventId, null)).at("/error/code").asText())
                .isEqualTo("NOT_DRAWN");
    }

    @Test
    void dlqPeek_andRedriveDryRun_answerOverTheRealQueues() throws Exception {
        JsonNode peek = call("GET", "/admin/dlq", null, null);
        JsonNode dryRun = call("POST", "/admin/redrive", null, "{\"dryRun\":true,\"max\":1}");

        assertThat(peek.get("statusCode").asInt()).as(peek.toString()).isEqualTo(200);
        assertThat(body(peek).get("count").asInt()).isEqualTo(body(peek).get("messages").size());
        assertThat(dryRun.get("statusCode").asInt()).as(dryRun.toString()).isEqualTo(200);
        assertThat(body(dryRun).get("dryRun").asBoolean()).isTrue();
    }
}
