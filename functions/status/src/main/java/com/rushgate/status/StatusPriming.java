package com.rushgate.status;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PrimingEvents;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Status's SnapStart hooks. Priming runs the handler on the priming request ({@link PrimingPorts}):
 * a strongly consistent GetItem on the RequestTable (a key nothing has), then the stand-in request
 * shown to its owner (200, every field of the body). Status caches nothing, so after a restore
 * there is nothing to refresh but the MDC.
 */
final class StatusPriming {

    static final String FUNCTION = "status";

    private StatusPriming() {
    }

    /**
     * @param awsScope makes the SDK client read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps what else to warm in the AWS adapters
     */
    static SnapStartPriming create(RequestStore requests, Consumer<Runnable> awsScope,
                                   List<SnapStartPriming.Step> awsSteps) {
        StatusHandler twin = new StatusHandler(new RequestStatusUseCase(PrimingPorts.requests(requests)));
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .steps(awsSteps)
                .step("status of the priming request", () -> PrimingEvents.expectStatus(twin.handleJson(
                        PrimingEvents.api("GET", "/requests/{requestId}",
                                Map.of("requestId", PrimingPorts.REQUEST_ID.value()), null),
                        InvocationContext.priming(FUNCTION, 1)), 200))
                .build();
    }
}
