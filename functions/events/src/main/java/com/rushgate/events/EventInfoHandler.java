package com.rushgate.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.ApiHandler;
import com.rushgate.core.lambda.ApiResponses;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The public event view, for anyone (no token): {@code GET /events/{eventId}} answers an event's
 * window, capacity, state, FCFS stock left, a raffle's commitment and, once drawn, its seed and
 * counts; {@code GET /events/{eventId}/draw/entries} and {@code .../draw/winners} answer the
 * published lists a page at a time ({@code ?page=N}). Answers may be cached for a second; refusals
 * are the API's usual JSON errors.
 */
public final class EventInfoHandler extends ApiHandler {

    /** Seconds a browser or cache may keep an answer: a countdown stays right to the second. */
    static final int MAX_AGE_SECONDS = 1;

    private final EventRoutes routes;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link EventsPriming}).
     */
    public EventInfoHandler() {
        this(EventsWiring.fromEnvironment(Env.current()));
    }

    private EventInfoHandler(EventsWiring wiring) {
        this(wiring.useCase());
        SnapStartPriming.register(wiring.priming());
    }

    EventInfoHandler(EventInfoUseCase useCase) {
        this.routes = new EventRoutes(Objects.requireNonNull(useCase, "useCase"));
    }

    @Override
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                return ApiResponses.cacheable(routes.answer(event), MAX_AGE_SECONDS);
            } catch (RuntimeException failure) {
                return ApiResponses.failure(failure);
            }
        });
    }
}
