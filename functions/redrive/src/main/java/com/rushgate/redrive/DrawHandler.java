package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rushgate.core.app.DrawCommand;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Operators: draws a raffle now, if it is due. Input: {@code {"eventId", "excludeFailed"? (false)}},
 * where excludeFailed draws without the entries that failed for good (the published result lists
 * them). Output: {@code {"eventId", "outcome", ...}} as {@link DrawAnswers} describes; asked again,
 * it answers the first draw's result. An invalid input fails the invocation with the reason.
 */
public final class DrawHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DrawUseCase useCase;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link DrawPriming}).
     */
    public DrawHandler() {
        this(DrawWiring.fromEnvironment(Env.current()));
    }

    private DrawHandler(DrawWiring wiring) {
        this(wiring.useCase());
        SnapStartPriming.register(wiring.priming());
    }

    DrawHandler(DrawUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            DrawCommand command = command(input);
            MDC.put("eventId", command.eventId());
            try {
                return DrawAnswers.of(command.eventId(), useCase.draw(command));
            } finally {
                MDC.remove("eventId");
            }
        });
    }

    static DrawCommand command(Map<String, Object> input) {
        OperatorInput fields = new OperatorInput(input, "eventId", "excludeFailed");
        return new DrawCommand(fields.text("eventId"), fields.flag("excludeFailed"));
    }
}
