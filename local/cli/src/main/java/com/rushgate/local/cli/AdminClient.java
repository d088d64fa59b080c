package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.rushgate.local.auth.SigV4Signing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The operators' API (the admin routes, AWS_IAM) over HTTP: every request signed with SigV4 for
 * {@code execute-api}, every answer read as JSON. A 2xx answer is returned; any other is an
 * {@link AdminException} with the API's error code and message.
 */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Supplier<AwsCredentialsIdentity> credentials;
    private final SigV4Signing signing;
    private final HttpClient http;

    /**
     * @param base        the API's base URL: the stage URL in AWS, the gateway's endpoint locally
     * @param credentials resolved at each request (session credentials may be refreshed)
     */
    AdminClient(URI base, String region, Supplier<AwsCredentialsIdentity> credentials, HttpClient http, Clock clock) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.credentials = credentials;
        this.signing = new SigV4Signing(region, clock);
        this.http = http;
    }

    static HttpClient defaultHttp() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    JsonNode post(String pathAndQuery, JsonNode body) {
        return send("POST", pathAndQuery, body);
    }

    /**
     * @param pathAndQuery below the base URL, starting with {@code /admin}, its query encoded
     * @param body         the JSON body, or null for none
     * @return the answer's JSON (a missing node for an empty body)
     * @throws AdminException for an answer that is not 2xx, or when the API cannot be reached
     */
    JsonNode send(String method, String pathAndQuery, JsonNode body) {
        URI uri = URI.create(base + pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = body == null ? Map.of("Accept", List.of("application/json"))
                : Map.of("Accept", List.of("application/json"), "Content-Type", List.of("application/json"));
        HttpRequest.Builder request = signing.request(method, uri, headers, bytes, credentials.get(),
                Duration.ofSeconds(30));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException(2, "UNREACHABLE", "cannot reach " + base + ": " + AdminException.describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(2, "INTERRUPTED", "interrupted while calling " + base, null);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return answer;
        }
        throw AdminException.of(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                answer, response.body());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
