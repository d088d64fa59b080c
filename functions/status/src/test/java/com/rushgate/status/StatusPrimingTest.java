package com.rushgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Status's SnapStart hooks on the in-memory store: the handler path runs, the store is only read. */
class StatusPrimingTest {

    private static final String SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";

    private final InMemoryRequestStore requests = Mockito.spy(new InMemoryRequestStore());
    private final SnapStartPriming priming = StatusPriming.create(requests, Runnable::run, List.of());

    @Test
    void priming_readsTheStore_andChangesNothing() {
        ParticipationRequest stored = Requests.received("drop-1", SUB, Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(stored);
        Mockito.clearInvocations(requests);

        Map<String, String> outcomes = priming.prime();
        priming.restore();

        assertThat(outcomes).isNotEmpty().allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
        Mockito.verify(requests).find(Mockito.any());
        Mockito.verifyNoMoreInteractions(requests);
        assertThat(requests.all()).containsExactly(stored);
    }

    @Test
    void afterPrimingAndRestore_theOwnerStillSeesTheirRequest() {
        ParticipationRequest stored = Requests.received("drop-1", SUB, Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(stored);
        priming.prime();
        priming.restore();
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(Fixtures.event("status.json"));

        assertThat(new StatusHandler(new RequestStatusUseCase(requests)).handleJson(event, InvocationContext.direct())
                .getStatusCode()).isEqualTo(200);
    }

    @Test
    void onlyThePublicConstructor_registersTheHooks_andAMissingVariableStillStopsInit() {
        Map<String, String> environment = Map.of("AWS_REGION", "eu-west-1", "SDK_HTTP_CLIENT", "url-connection",
                "REQUEST_TABLE", "RequestTable", "ARRIVAL_SHARDS", "16");
        Env.install(environment);
        int registered = SnapStartPriming.registered().size();

        new StatusHandler();
        Env.install(Map.of("AWS_REGION", "eu-west-1", "SDK_HTTP_CLIENT", "url-connection"));

        assertThat(SnapStartPriming.registered()).hasSize(registered + 1)
                .last().extracting(SnapStartPriming::function).isEqualTo(StatusPriming.FUNCTION);
        assertThatThrownBy(StatusHandler::new).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REQUEST_TABLE");
        assertThat(SnapStartPriming.registered()).hasSize(registered + 1);
    }
}
