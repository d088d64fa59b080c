package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.template.StackModel.ApiRoute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEventTest {

    private static final Instant NOW = Instant.parse("2026-11-24T05:14:05.120Z");
    private static final Route PARTICIPATIONS = new Route(new ApiRoute("Ingest", "POST", "/events/{eventId}/participations", true));

    private static IncomingRequest request(String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
        return new IncomingRequest("post", rawPath, rawQuery, headers, body.getBytes(StandardCharsets.UTF_8), "203.0.113.7",
                "127.0.0.1:8080", "HTTP/1.1");
    }

    private static APIGatewayProxyRequestEvent asLambdaReadsIt(ObjectNode event) {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ProxyEventTest.class.getClassLoader())
                .fromJson(event.toString());
    }

    @Test
    void theEvent_isWhatLambdasSerializersReadAsAnApiGatewayProxyRequest() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Forwarded-For", List.of("198.51.100.1", "203.0.113.7"));
        IncomingRequest request = request("/events/a%2Fb/participations", "page=2&tag=x%20y&tag=z", headers, "{\"a\":1}");
        Routes.Match match = new Routes.Match(PARTICIPATIONS, PARTICIPATIONS.match(request.rawPath()));

        APIGatewayProxyRequestEvent event = asLambdaReadsIt(ProxyEvent.of(request, match, Map.of("sub", "alice"), "req-1",
                "v1", NOW));

        assertThat(event.getResource()).isEqualTo("/events/{eventId}/participations");
        assertThat(event.getPath()).as("decoded").isEqualTo("/events/a/b/participations");
        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getPathParameters()).containsExactly(Map.entry("eventId", "a/b"));
        assertThat(event.getHeaders()).containsEntry("X-Forwarded-For", "203.0.113.7");
        assertThat(event.getMultiValueHeaders()).containsEntry("X-Forwarded-For", List.of("198.51.100.1", "203.0.113.7"));
        assertThat(event.getQueryStringParameters()).containsEntry("page", "2").containsEntry("tag", "z");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("tag", List.of("x y", "z"));
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getStage()).isEqualTo("v1");
        assertThat(context.getResourcePath()).isEqualTo("/events/{eventId}/participations");
        assertThat(context.getRequestTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(context.getAuthorizer()).containsEntry("claims", Map.of("sub", "alice"));
    }

    @Test
    void withoutQueryHeadersBodyOrAuthorizer_thoseFieldsAreNull() {
        Routes.Match match = new Routes.Match(PARTICIPATIONS, Map.of("eventId", "drop-1"));

        ObjectNode event = ProxyEvent.of(request("/events/drop-1/participations", null, Map.of(), ""), match, null, "req-2",
                "v1", NOW);

        assertThat(event.get("queryStringParameters").isNull()).isTrue();
        assertThat(event.get("multiValueQueryStringParameters").isNull()).isTrue();
        assertThat(event.get("headers").isNull()).isTrue();
        assertThat(event.get("body").isNull()).isTrue();
        assertThat(event.at("/requestContext/authorizer").isMissingNode()).isTrue();
        assertThat(event.at("/requestContext/requestTime").asText()).isEqualTo("24/Nov/2026:05:14:05 +0000");
    }

    @Test
    void aMalformedEscapeInTheQuery_staysAsSent() {
        Routes.Match match = new Routes.Match(PARTICIPATIONS, Map.of("eventId", "drop-1"));

        ObjectNode event = ProxyEvent.of(request("/events/drop-1/participations", "q=100%&flag", Map.of(), ""), match, null,
                "req-3", "v1", NOW);

        assertThat(event.at("/queryStringParameters/q").asText()).isEqualTo("100%");
        assertThat(event.at("/queryStringParameters/flag").asText()).isEmpty();
    }
}
