package com.rushgate.redrive;

import com.rushgate.core.app.DrawPolicy;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Draw function's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring
 * gives, then the handler on the priming event ({@link PrimingPorts}), which is first come, first
 * served: a consistent read of the event, and the answer NOT_A_RAFFLE. Nothing is drawn, published
 * or sent. The Draw function caches nothing.
 */
final class DrawPriming {

    static final String FUNCTION = "draw";

    private DrawPriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the tables, the queue and the bucket
     */
    static SnapStartPriming create(EventCatalog events, Raffles raffles, RequestStore requests, DrawPolicy policy,
                                   Clock clock, Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        DrawHandler twin = new DrawHandler(new DrawUseCase(PrimingPorts.events(events), PrimingPorts.raffles(raffles),
                PrimingPorts.arrivals(), PrimingPorts.requests(requests), PrimingPorts.drawResults(), PrimingPorts.queue(),
                policy, clock));
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .steps(awsSteps)
                .step("draw of the priming event, which is not a raffle", () -> {
                    Map<String, Object> answer = twin.handleRequest(Map.of("eventId", PrimingPorts.EVENT_ID),
                            InvocationContext.priming(FUNCTION, 1));
                    if (!DrawAnswers.NOT_A_RAFFLE.equals(answer.get("outcome"))) {
                        throw new IllegalStateException("the priming draw answered " + answer);
                    }
                })
                .build();
    }
}
