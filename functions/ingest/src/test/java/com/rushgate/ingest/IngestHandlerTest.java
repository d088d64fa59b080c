package com.rushgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.Requests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;

class IngestHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";

    private final IdempotentParticipations participations = mock(IdempotentParticipations.class);
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private IngestHandler handler;

    @BeforeEach
    void setUp() {
        handler = new IngestHandler(participations, new RequestStatusUseCase(requests),
                new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8)), new PowertoolsMetrics("Test", "ingest"));
    }

    private static APIGatewayProxyRequestEvent sample() {
        return EventLoader.loadApiGatewayRestEvent(Fixtures.event("participate.json"));
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void firstParticipation_is202WithTheStatusUrlUnderTheStage() throws Exception {
        InvocationContext context = InvocationContext.direct();
        when(participations.participate(any(), any(), any()))
                .thenReturn(new IngestResult("rq_" + "a".repeat(32), "QUEUED", true, context.getAwsRequestId()));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), context);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("requestId").asText()).isEqualTo("rq_" + "a".repeat(32));
        assertThat(body(response).get("status").asText()).isEqualTo("QUEUED");
        assertThat(body(response).get("statusUrl").asText()).isEqualTo("/prod/requests/rq_" + "a".repeat(32));
    }

    @Test
    void command_takesTheUserFromTheClaimsAndTheEventFromThePath() {
        InvocationContext context = InvocationContext.direct();
        when(participations.participate(any(), any(), any()))
                .thenReturn(new IngestResult("rq_" + "a".repeat(32), "QUEUED", true, context.getAwsRequestId()));

        handler.handleRequest(sample(), context);

        ArgumentCaptor<ParticipateCommand> command = ArgumentCaptor.forClass(ParticipateCommand.class);
        ArgumentCaptor<ParticipationKey> key = ArgumentCaptor.forClass(ParticipationKey.class);
        verify(participations).participate(key.capture(), command.capture(), any());
        assertThat(command.getValue()).isEqualTo(new ParticipateCommand("drop-1", SUB, "order-42"));
        assertThat(key.getValue().eventId()).isEqualTo("drop-1");
        assertThat(key.getValue().userKey()).startsWith("uk_").doesNotContain(SUB);
    }

    @Test
    void duplicate_is200() throws Exception {
        InvocationContext context = InvocationContext.direct();
        when(participations.participate(any(), any(), any()))
                .thenReturn(new IngestResult("rq_" + "a".repeat(32), "SUCCEEDED", false, context.getAwsRequestId()));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), context);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void replayedAnswer_is200WithTheCurrentStatus() throws Exception {
        ParticipationRequest stored = Requests.received("drop-1", SUB, Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(stored);
        requests.markQueued(stored.requestId(), Instant.parse("2026-11-24T10:00:01Z"));
        when(participations.participate(any(), any(), any()))
                .thenReturn(new IngestResult(stored.requestId().value(), "RECEIVED", true, "an-earlier-invocation"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo(RequestStatus.QUEUED.name());
    }

    @Test
    void concurrentDuplicateInFlight_is409InProgressWithRetryAfter() throws Exception {
        when(participations.participate(any(), any(), any()))
                .thenThrow(new IdempotencyAlreadyInProgressException("in progress"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("IN_PROGRESS");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        String eventId = sample().getPathParameters().get("eventId");
        String userId = ((Map<?, ?>) sample().getRequestContext().getAuthorizer().get("claims")).get("sub").toString();
        assertThat(body(response).at("/error/requestId").asText())
                .as("names the participation being recorded")
                .isEqualTo(new Sha256RequestIds().derive(eventId, userId).value());
    }

    @Test
    void enqueueFailure_is503() throws Exception {
        when(participations.participate(any(), any(), any())).thenThrow(new RetryableException("SendMessage failed"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void closedEvent_is409WithTheReason() throws Exception {
        when(participations.participate(any(), any(), any()))
                .thenThrow(new ClientException(ErrorCode.EVENT_CLOSED, "event 'drop-1' closed at 2026-11-24T11:00:00Z"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(body(response).at("/error/message").asText()).contains("closed at");
    }

    @Test
    void withoutClaims_is401AndNothingIsAttempted() throws Exception {
        APIGatewayProxyRequestEvent event = sample();
        event.getRequestContext().setAuthorizer(null);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        verify(participations, never()).participate(any(), any(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "../etc", "drop 1", "ｄｒｏｐ"})
    void badEventId_is400AndNothingIsAttempted(String eventId) throws Exception {
        APIGatewayProxyRequestEvent event = sample();
        Map<String, String> path = new HashMap<>(event.getPathParameters());
        path.put("eventId", eventId);
        event.setPathParameters(path);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("INVALID_EVENT_ID");
        verify(participations, never()).participate(any(), any(), any());
    }

    @Test
    void oversizedBody_is413() throws Exception {
        APIGatewayProxyRequestEvent event = sample().withBody("{\"clientRef\":\"" + "x".repeat(5000) + "\"}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(413);
        verify(participations, never()).participate(any(), any(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,2]", "{\"userId\":\"someone-else\"}", "{\"clientRef\":7}"})
    void malformedBody_is400(String body) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(sample().withBody(body), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("INVALID_BODY");
        verify(participations, never()).participate(any(), any(), any());
    }

    @Test
    void unexpectedFailure_is500WithoutDetails() throws Exception {
        when(participations.participate(any(), any(), any())).thenThrow(new IllegalStateException("table rushgate-x"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(sample(), InvocationContext.direct());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("rushgate-x");
    }
}
