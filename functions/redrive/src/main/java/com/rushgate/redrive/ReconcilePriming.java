package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reconciler's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring gives,
 * then the handler with a clock stopped at 1970: every Query of the in-flight index asks for
 * requests changed before then, which none is, so the run finds nothing and changes nothing (the
 * writes it could make go to {@link PrimingPorts} anyway). The scan for raffles to draw runs, and
 * the priming stand-in finds none of them due. The reconciler caches nothing.
 */
final class ReconcilePriming {

    static final String FUNCTION = "reconcile";

    /** What priming needs of the reconciler: the same ports the handler uses. */
    record Parts(InflightIndex index, RequestStore requests, ReconcilePolicy policy, EventCatalog events,
                 Raffles raffles, DrawPolicy drawPolicy, PowertoolsMetrics metrics) {
    }

    private ReconcilePriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the tables, the queues and the bucket
     */
    static SnapStartPriming create(Parts parts, Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        Clock stopped = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        RequestStore requests = PrimingPorts.requests(parts.requests());
        Raffles raffles = PrimingPorts.raffles(parts.raffles());
        DrawUseCase draws = new DrawUseCase(PrimingPorts.events(parts.events()), raffles, PrimingPorts.arrivals(),
                requests, PrimingPorts.drawResults(), PrimingPorts.queue(), parts.drawPolicy(), stopped);
        ReconcileHandler twin = new ReconcileHandler(new ReconcileUseCase(parts.index(), requests, PrimingPorts.queue(),
                PrimingPorts.deadLetters(), parts.policy(), stopped, parts.metrics()),
                new DueDraws(raffles, draws, parts.drawPolicy().settle(), stopped), parts.metrics());
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(parts.metrics()::silenced)
                .steps(awsSteps)
                .step("reconcile run that finds nothing", () -> {
                    Map<String, Object> report = twin.handleRequest(new ScheduledEvent(), InvocationContext.priming(FUNCTION, 1));
                    if (!Integer.valueOf(0).equals(report.get("examined")) || !List.of().equals(report.get("draws"))) {
                        throw new IllegalStateException("the priming run examined requests or drew raffles: " + report);
                    }
                })
                .step("metrics logger", parts.metrics()::prime)
                .build();
    }
}
