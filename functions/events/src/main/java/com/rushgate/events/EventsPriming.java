package com.rushgate.events;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PrimingEvents;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The public event view's SnapStart hooks. Priming runs the handler on the priming event
 * ({@link PrimingPorts}): a GetItem on the EventTable, then the open, sold-out stand-in shown (200,
 * every field an FCFS event has), and its entry list asked for, which it has none of (404, the
 * error path). The draws' files are never read (the stand-in refuses). After a restore, the event
 * cache starts empty.
 */
final class EventsPriming {

    static final String FUNCTION = "events";

    private EventsPriming() {
    }

    /**
     * @param events   the handler's cached catalog (priming reads through it; the restore empties it)
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps what else to warm in the AWS adapters
     */
    static SnapStartPriming create(CachedEventCatalog events, Duration settle, Clock clock, Consumer<Runnable> awsScope,
                                   List<SnapStartPriming.Step> awsSteps) {
        EventInfoHandler twin = new EventInfoHandler(new EventInfoUseCase(PrimingPorts.events(events),
                PrimingPorts.drawResults(), settle, clock));
        Map<String, String> path = Map.of("eventId", PrimingPorts.EVENT_ID);
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .steps(awsSteps)
                .step("view of the priming event", () -> PrimingEvents.expectStatus(twin.handleJson(
                        PrimingEvents.api("GET", EventRoutes.EVENT, path, null),
                        InvocationContext.priming(FUNCTION, 1)), 200))
                .step("entry list of the priming event, which has no draw", () -> PrimingEvents.expectStatus(
                        twin.handleJson(PrimingEvents.api("GET", EventRoutes.ENTRIES, path, null)
                                .withQueryStringParameters(Map.of("page", "0")), InvocationContext.priming(FUNCTION, 2)),
                        404))
                .afterRestore("forget cached events", events::clear)
                .build();
    }
}
