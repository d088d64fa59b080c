package com.rushgate.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";

    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final StatusHandler handler = new StatusHandler(new RequestStatusUseCase(requests));

    private static APIGatewayProxyRequestEvent sample() {
        return EventLoader.loadApiGatewayRestEvent(Fixtures.event("status.json"));
    }

    private ParticipationRequest stored() {
        ParticipationRequest request = Requests.received("drop-1", SUB, Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(request);
        return request;
    }

    @Test
    void owner_getsStatusEventAndTimes() throws Exception {
        ParticipationRequest request = stored();

        APIGatewayProxyResponseEvent response = handler.handleJson(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("requestId").asText()).isEqualTo(request.requestId().value());
        assertThat(body.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(body.get("eventId").asText()).isEqualTo("drop-1");
        assertThat(body.get("acceptedAt").asText()).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(body.has("completedAt")).isFalse();
    }

    @Test
    void anEnteredRaffleEntry_showsWhenItIsDrawn_andTheDrawsAnswerItsReason() throws Exception {
        ParticipationRequest request = stored();
        ParticipationRequest claimed = ((RequestStore.ClaimResult.Claimed) requests.claim(request.requestId(),
                request.acceptedAt(), request.acceptedAt().plusSeconds(30))).request();
        Instant drawAt = Instant.parse("2026-11-24T12:00:01.500Z");
        requests.enter(claimed, drawAt, request.acceptedAt().plusSeconds(1));

        JsonNode entered = JSON.readTree(handler.handleJson(sample(), InvocationContext.direct()).getBody());
        requests.decideEntry(new EntryDecision(request.requestId(), request.acceptedAt(), EntryDecision.Verdict.EXCLUDED),
                drawAt, drawAt.plusSeconds(5));
        JsonNode excluded = JSON.readTree(handler.handleJson(sample(), InvocationContext.direct()).getBody());

        assertThat(entered.get("status").asText()).isEqualTo("ENTERED");
        assertThat(entered.get("drawAt").asText()).isEqualTo("2026-11-24T12:00:01.500Z");
        assertThat(entered.has("completedAt")).isFalse();
        assertThat(excluded.get("status").asText()).isEqualTo("REJECTED");
        assertThat(excluded.get("reason").asText()).isEqualTo("EXCLUDED_FROM_DRAW");
        assertThat(excluded.get("completedAt").asText()).isEqualTo("2026-11-24T12:00:06.500Z");
        assertThat(excluded.has("drawAt")).isFalse();
    }

    @Test
    void anotherUsersRequest_isTheSame404AsAnUnknownOne() throws Exception {
        stored();
        APIGatewayProxyRequestEvent notMine = sample();
        notMine.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", "mallory")));
        APIGatewayProxyRequestEvent unknown = sample();
        unknown.setPathParameters(Map.of("requestId", "rq_" + "b".repeat(32)));

        APIGatewayProxyResponseEvent a = handler.handleJson(notMine, InvocationContext.direct());
        APIGatewayProxyResponseEvent b = handler.handleJson(unknown, InvocationContext.direct());

        assertThat(a.getStatusCode()).isEqualTo(404);
        assertThat(b.getStatusCode()).isEqualTo(404);
        assertThat(JSON.readTree(a.getBody()).at("/error/code")).isEqualTo(JSON.readTree(b.getBody()).at("/error/code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rq_../../x", "RQ_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "rq_", "x"})
    void malformedRequestId_is400(String requestId) {
        APIGatewayProxyRequestEvent event = sample();
        event.setPathParameters(Map.of("requestId", requestId));

        assertThat(handler.handleJson(event, InvocationContext.direct()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void withoutClaims_is401() {
        APIGatewayProxyRequestEvent event = sample();
        event.getRequestContext().setAuthorizer(null);

        assertThat(handler.handleJson(event, InvocationContext.direct()).getStatusCode()).isEqualTo(401);
    }
}
