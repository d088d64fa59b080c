package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.app.port.InflightIndex;
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
 * writes it could make go to {@link PrimingPorts} anyway). The reconciler caches nothing.
 */
final class ReconcilePriming {

    static final String FUNCTION = "reconcile";

    private ReconcilePriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the table and the queues
     */
    static SnapStartPriming create(InflightIndex index, RequestStore requests, ReconcilePolicy policy,
                                   PowertoolsMetrics metrics, Consumer<Runnable> awsScope,
                                   List<SnapStartPriming.Step> awsSteps) {
        ReconcileHandler twin = new ReconcileHandler(new ReconcileUseCase(index, PrimingPorts.requests(requests),
                PrimingPorts.queue(), PrimingPorts.deadLetters(), policy, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                metrics), metrics);
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(metrics::silenced)
                .steps(awsSteps)
                .step("reconcile run that finds nothing", () -> {
                    Map<String, Object> report = twin.handleRequest(new ScheduledEvent(), InvocationContext.priming(FUNCTION, 1));
                    if (!Integer.valueOf(0).equals(report.get("examined"))) {
                        throw new IllegalStateException("the priming run examined requests: " + report);
                    }
                })
                .step("metrics logger", metrics::prime)
                .build();
    }
}
