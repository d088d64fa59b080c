package com.rushgate.redrive;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The redrive's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring gives,
 * then the handler on a dry run over an empty stand-in DLQ ({@link PrimingPorts}): the real DLQ is
 * never received from, since receiving hides its messages from operators for a minute. The redrive
 * caches nothing.
 */
final class RedrivePriming {

    static final String FUNCTION = "redrive";

    private RedrivePriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the table and the queues
     */
    static SnapStartPriming create(RequestStore requests, Clock clock, PowertoolsMetrics metrics,
                                   Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        RedriveHandler twin = new RedriveHandler(new RedriveUseCase(PrimingPorts.deadLetterSource(),
                PrimingPorts.requests(requests), PrimingPorts.queue(), clock, metrics), metrics);
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(metrics::silenced)
                .steps(awsSteps)
                .step("dry run over an empty DLQ", () -> {
                    Map<String, Object> report = twin.handleRequest(
                            Map.of("dryRun", true, "maxMessages", 1, "reason", "SnapStart priming"),
                            InvocationContext.priming(FUNCTION, 1));
                    if (!Integer.valueOf(0).equals(report.get("examined"))) {
                        throw new IllegalStateException("the priming run examined messages: " + report);
                    }
                })
                .step("metrics logger", metrics::prime)
                .build();
    }
}
