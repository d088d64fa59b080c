package com.rushgate.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.domain.DrawCheck;
import com.rushgate.core.domain.DrawSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A raffle's draw checked as a participant checks it: through the public API only
 * ({@code GET /events/{eventId}} and the pages of its entry list and winners), recomputed with
 * {@link DrawCheck}. Works against the local stack and a deployed one alike.
 */
public final class DrawVerification {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI api;
    private final HttpClient http;

    /** @param api the API's base URL, with its stage path if it has one */
    public DrawVerification(URI api) {
        this.api = Objects.requireNonNull(api, "api");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * What the published draw of {@code eventId} says, and whether it holds.
     *
     * @throws IllegalStateException when the event does not exist or is not drawn yet, with the reason
     */
    public Result verify(String eventId) {
        String id = URLEncoder.encode(eventId, StandardCharsets.UTF_8);
        JsonNode event = get("/events/" + id);
        JsonNode draw = event.path("draw");
        if (!"RAFFLE".equals(event.path("type").asText()) || draw.isMissingNode() || draw.isNull()) {
            throw new IllegalStateException("event " + eventId + " has no published draw (type "
                    + event.path("type").asText() + ", state " + event.path("state").asText() + ")");
        }
        List<String> entries = pages("/events/" + id + "/draw/entries");
        List<String> winners = pages("/events/" + id + "/draw/winners");
        int capacity = event.path("capacity").asInt();
        DrawCheck check = DrawCheck.of(event.path("commitment").asText(), DrawSeed.fromHex(draw.path("seed").asText()),
                entries, capacity, winners);
        List<String> problems = new ArrayList<>(check.problems());
        if (draw.path("entries").asLong() != entries.size()) {
            problems.add("the draw says " + draw.path("entries").asLong() + " entries, the entry list has " + entries.size());
        }
        return new Result(eventId, capacity, event.path("commitment").asText(), draw.path("seed").asText(),
                Instant.parse(draw.path("drawnAt").asText()), entries.size(), winners.size(),
                draw.path("excluded").asInt(), problems.isEmpty(), problems);
    }

    /**
     * @param ok       the seed is the committed one and the winners are exactly the rule's
     * @param problems what does not hold, when not ok
     */
    public record Result(String eventId, int capacity, String commitment, String seed, Instant drawnAt, long entries,
                         int winners, int excluded, boolean ok, List<String> problems) {

        public Result {
            problems = List.copyOf(problems);
        }
    }

    private List<String> pages(String path) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = get(path + "?page=" + page);
            answer.path("requestIds").forEach(idNode -> ids.add(idNode.asText()));
            if (answer.path("requestIds").isEmpty() || answer.path("next").isNull() || answer.path("next").isMissingNode()) {
                return ids;
            }
        }
    }

    private JsonNode get(String path) {
        URI uri = URI.create(api.toString().replaceAll("/+$", "") + path);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " answered something that is not JSON", e);
        }
    }
}
