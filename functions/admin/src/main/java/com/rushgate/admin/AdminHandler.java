package com.rushgate.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.ApiHandler;
import com.rushgate.core.lambda.ApiResponses;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The operators' API, {@code /admin/...} on the REST API, every route signed with IAM (SigV4): create,
 * list, inspect (with live counts and the queues), change, restock, close, delete and draw events,
 * a drawn raffle's winners, a look into the DLQ and its redrive. Answers are JSON, refusals the usual
 * {@code {"error":{"code","message"}}} with the operators' codes; nothing is cached.
 */
public final class AdminHandler extends ApiHandler {

    private final AdminRoutes routes;
    private final PowertoolsMetrics metrics;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link AdminPriming}).
     */
    public AdminHandler() {
        this(AdminWiring.fromEnvironment(Env.current()));
    }

    private AdminHandler(AdminWiring wiring) {
        this(wiring.useCases(), wiring.metrics());
        SnapStartPriming.register(wiring.priming());
    }

    /** @param metrics where the redrive counts what it sends back; published after each invocation */
    AdminHandler(AdminUseCases useCases, PowertoolsMetrics metrics) {
        this.routes = new AdminRoutes(Objects.requireNonNull(useCases, "useCases"));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                return routes.answer(event);
            } catch (RuntimeException failure) {
                return ApiResponses.failure(failure);
            } finally {
                metrics.publish();
            }
        });
    }
}
