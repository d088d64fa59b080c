package com.rushgate.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls against the local gateway, as a participant's client makes them. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final LocalStack stack;

    public ApiClient(LocalStack stack) {
        this.stack = stack;
        this.base = stack.apiEndpoint().orElseThrow();
    }

    public String token(String userId) {
        return stack.issuer().orElseThrow().token(userId, Duration.ofHours(1));
    }

    public Reply participate(String eventId, String userId) {
        return send(HttpRequest.newBuilder(base.resolve("/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + token(userId))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply status(String requestId, String userId) {
        return send(HttpRequest.newBuilder(base.resolve("/requests/" + requestId))
                .header("Authorization", "Bearer " + token(userId)).GET());
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }

    /** An HTTP answer with its JSON body. */
    public record Reply(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String field(String name) {
            return json().path(name).asText(null);
        }

        public String errorCode() {
            return json().at("/error/code").asText(null);
        }
    }
}
