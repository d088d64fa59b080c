package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Admin function from its jar, on the shared stack's DynamoDB Local and ElasticMQ with the real
 * SDK: invoked directly with the signed request of events/admin.json, and once over HTTP through the
 * local gateway, signed with the stack's operator key as the command line signs it.
 */
class AdminIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
        // Throttled (the shared stack's other functions may hold the account's concurrency), it tries
        // again, as an operator's client does.
        AtomicReference<Invocation> answered = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            answered.set(stack.invoke("AdminFunction", event.toString()));
            return !Invocation.THROTTLED.equals(answered.get().errorType());
        });
        Invocation invocation = answered.get();
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
    void overHttp_aSignedRestockReachesTheFunction_andAnUnsignedOneIsRefusedByTheGateway() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "admin-http", 4);
        URI uri = URI.create(stack.apiEndpoint().orElseThrow().toString().replaceAll("/$", "") + "/admin/events/" + eventId
                + "/restock");
        byte[] body = "{\"units\":3}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> signed = post(uri, body, true);
        HttpResponse<String> unsigned = post(uri, body, false);

        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(JSON.readTree(signed.body()).at("/event/capacity").asInt()).isEqualTo(7);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unsigned.body()).at("/error/code").asText()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");
        assertThat(SharedStack.events(stack).findLatest(eventId).orElseThrow().remaining()).isEqualTo(7);
    }

    /** Sent again while the gateway answers 429 (the local Lambda's concurrency is shared), as a client does. */
    private static HttpResponse<String> post(URI uri, byte[] body, boolean sign) {
        AtomicReference<HttpResponse<String>> answered = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            answered.set(send(uri, body, sign));
            return answered.get().statusCode() != 429;
        });
        return answered.get();
    }

    private static HttpResponse<String> send(URI uri, byte[] body, boolean sign) throws Exception {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"));
        if (sign) {
            headers = new SigV4Signing(stack.options().region(), Clock.systemUTC()).sign("POST", uri, headers, body,
                    SigV4Signing.credentials(stack.operatorKey().orElseThrow()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
