package com.rushgate.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.UserKeyDerivation;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.PrimingEvents;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ingest's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring gives, then
 * the handler twice on the priming participation ({@link PrimingPorts}): through the Powertools
 * idempotency aspect with its records kept through the stand-ins, the event found open, the request
 * found already decided (a duplicate, 200), then the same call again answered from Powertools'
 * local cache (a replay, 200). After a restore, the event cache and Powertools' local cache start empty.
 */
final class IngestPriming {

    static final String FUNCTION = "ingest";

    /** What priming needs of Ingest: the same objects the handler uses. */
    record Parts(CachedEventCatalog events, RequestStore requests, UserKeyDerivation userKeys, Clock clock,
                 PowertoolsMetrics metrics, IdempotencyRecords idempotency) {
    }

    private IngestPriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the tables and the queue
     */
    static SnapStartPriming create(Parts parts, Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        RequestStore requests = PrimingPorts.requests(parts.requests());
        ParticipateUseCase standIns = new ParticipateUseCase(PrimingPorts.events(parts.events()), requests,
                PrimingPorts.queue(), new Sha256RequestIds(), parts.userKeys(), parts.clock(), parts.metrics());
        IngestHandler twin = new IngestHandler(new IdempotentParticipations(standIns),
                new RequestStatusUseCase(requests), parts.userKeys(), parts.metrics());
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(parts.metrics()::silenced)
                .steps(awsSteps)
                .step("participation answered as a duplicate, then replayed", () -> parts.idempotency().withStandIns(standIns, () -> {
                    PrimingEvents.expectStatus(twin.handleRequest(participation(), InvocationContext.priming(FUNCTION, 1)), 200);
                    PrimingEvents.expectStatus(twin.handleRequest(participation(), InvocationContext.priming(FUNCTION, 2)), 200);
                }))
                .step("metrics logger", parts.metrics()::prime)
                .afterRestore("forget cached events", parts.events()::clear)
                .afterRestore("empty the idempotency cache", parts.idempotency()::useRequestTable)
                .build();
    }

    private static APIGatewayProxyRequestEvent participation() {
        return PrimingEvents.api("POST", "/events/{eventId}/participations", Map.of("eventId", PrimingPorts.EVENT_ID),
                "{\"clientRef\":\"snapstart-priming\"}");
    }
}
