package com.rushgate.admin;

import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.DeadLetterPeekUseCase;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EventChangesUseCase;
import com.rushgate.core.app.EventOverviewUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.app.port.EventCounts;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.QueueGauges;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.PrimingEvents;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The admin function's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring
 * gives, then the handler on the priming event ({@link PrimingPorts}), which is first come, first
 * served: its view with counts and the queues (200), its winners and its draw (409 NOT_A_RAFFLE, the
 * error path), a look into an empty DLQ and a dry-run redrive of it (200). Nothing is changed: every
 * write of the stand-in ports is refused. The function caches nothing.
 */
final class AdminPriming {

    static final String FUNCTION = "admin";

    private AdminPriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the tables, the queues and the bucket
     */
    static SnapStartPriming create(ManagedEvents events, EventCounts counts, QueueGauges gauges, InflightIndex inflight,
                                   Raffles raffles, RequestStore requests, AdminConfig config, PowertoolsMetrics metrics,
                                   Clock clock, Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        ManagedEvents primingEvents = PrimingPorts.managedEvents(events);
        RequestStore primingRequests = PrimingPorts.requests(requests);
        AdminUseCases useCases = new AdminUseCases(
                new CreateEventUseCase(PrimingPorts.raffles(raffles), AdminPriming::noSeed),
                new EventOverviewUseCase(primingEvents, counts, gauges, inflight, PrimingPorts.drawResults(), clock),
                new EventChangesUseCase(primingEvents, counts, AdminPriming::noSeed, clock),
                new DrawUseCase(primingEvents::find, PrimingPorts.raffles(raffles),
                        PrimingPorts.arrivals(), primingRequests, PrimingPorts.drawResults(), PrimingPorts.queue(),
                        config.drawPolicy(), clock),
                new DeadLetterPeekUseCase(PrimingPorts.deadLetterSource(), primingRequests),
                new RedriveUseCase(PrimingPorts.deadLetterSource(), primingRequests, PrimingPorts.queue(), clock, metrics),
                clock);
        AdminHandler twin = new AdminHandler(useCases, metrics);
        Map<String, String> path = Map.of("eventId", PrimingPorts.EVENT_ID);
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(metrics::silenced)
                .steps(awsSteps)
                .step("view of the priming event, its counts and the queues", () -> PrimingEvents.expectStatus(
                        twin.handleJson(PrimingEvents.api("GET", AdminRoutes.EVENT, path, null),
                                InvocationContext.priming(FUNCTION, 1)), 200))
                .step("winners and draw of the priming event, which is not a raffle", () -> {
                    PrimingEvents.expectStatus(twin.handleJson(PrimingEvents.api("GET", AdminRoutes.WINNERS, path,
                            null), InvocationContext.priming(FUNCTION, 2)), 409);
                    PrimingEvents.expectStatus(twin.handleJson(PrimingEvents.api("POST", AdminRoutes.DRAW, path,
                            "{\"excludeFailed\":false}"), InvocationContext.priming(FUNCTION, 3)), 409);
                })
                .step("a look into the DLQ and a dry-run redrive, both empty", () -> {
                    PrimingEvents.expectStatus(twin.handleJson(PrimingEvents.api("GET", AdminRoutes.DLQ, Map.of(),
                            null), InvocationContext.priming(FUNCTION, 4)), 200);
                    PrimingEvents.expectStatus(twin.handleJson(PrimingEvents.api("POST", AdminRoutes.REDRIVE,
                            Map.of(), "{\"dryRun\":true,\"max\":1}"), InvocationContext.priming(FUNCTION, 5)), 200);
                })
                .step("metrics logger", metrics::prime)
                .build();
    }

    private static DrawSeed noSeed() {
        throw new PrimingPorts.WriteRefused("draw a seed");
    }
}
