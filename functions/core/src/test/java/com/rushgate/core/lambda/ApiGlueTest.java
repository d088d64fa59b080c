package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.RetryableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGlueTest {

    private static APIGatewayProxyRequestEvent.ProxyRequestContext authorizer(Map<String, String> claims) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(Map.of("claims", claims));
        return context;
    }

    @Test
    void subject_comesOnlyFromTheAuthorizerClaims() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("sub", "mallory"))
                .withRequestContext(authorizer(Map.of("sub", "alice")));

        assertThat(ApiRequests.subject(event)).isEqualTo("alice");
        assertThat(ApiRequests.subject(new APIGatewayProxyRequestEvent().withHeaders(Map.of("sub", "mallory")))).isNull();
        assertThat(ApiRequests.subject(new APIGatewayProxyRequestEvent().withRequestContext(authorizer(Map.of())))).isNull();
    }

    @Test
    void basePath_isTheStagePrefixWhenThereIsOne() {
        APIGatewayProxyRequestEvent viaStage = new APIGatewayProxyRequestEvent().withPath("/events/a/participations")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withPath("/Prod/events/a/participations"));
        APIGatewayProxyRequestEvent direct = new APIGatewayProxyRequestEvent().withPath("/events/a/participations")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withPath("/events/a/participations"));

        assertThat(ApiRequests.basePath(viaStage)).isEqualTo("/Prod");
        assertThat(ApiRequests.basePath(direct)).isEmpty();
    }

    @Test
    void clientErrors_keepTheirStatusAndSayWhy() throws Exception {
        APIGatewayProxyResponseEvent response = ApiResponses.failure(
                new ClientException(ErrorCode.EVENT_CLOSED, "event 'x' closed"));

        assertThat(response.getStatusCode()).isEqualTo(409);
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(body.at("/error/code").asText()).isEqualTo("EVENT_CLOSED");
        assertThat(body.at("/error/message").asText()).isEqualTo("event 'x' closed");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void aPublicAnswer_mayBeCachedForItsMaxAge_andAPersonalOneNever() throws Exception {
        APIGatewayProxyResponseEvent shared = ApiResponses.cacheable(Map.of("eventId", "drop-1"), 1);
        APIGatewayProxyResponseEvent personal = ApiResponses.json(200, Map.of("eventId", "drop-1"));

        assertThat(shared.getStatusCode()).isEqualTo(200);
        assertThat(shared.getHeaders()).containsEntry("Cache-Control", "public, max-age=1")
                .containsEntry("Content-Type", "application/json").containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(Json.mapper().readTree(shared.getBody()).get("eventId").asText()).isEqualTo("drop-1");
        assertThat(personal.getHeaders()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void retryableFailures_are503WithRetryAfter() {
        APIGatewayProxyResponseEvent response = ApiResponses.failure(new RetryableException("throttled"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    void unauthorized_namesTheBearerScheme_likeTheAuthorizersOwn401() {
        APIGatewayProxyResponseEvent response = ApiResponses.failure(
                new ClientException(ErrorCode.UNAUTHORIZED, "the token carries no usable subject"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(ApiResponses.error(ErrorCode.EVENT_NOT_FOUND, "no event").getHeaders())
                .doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void anythingElse_is500WithoutDetails() {
        APIGatewayProxyResponseEvent response = ApiResponses.failure(new IllegalStateException("secret table name"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("secret").doesNotContain("Exception");
    }
}
