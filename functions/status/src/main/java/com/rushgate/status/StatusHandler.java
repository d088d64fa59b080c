package com.rushgate.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.RequestView;
import com.rushgate.core.app.StatusQuery;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.ApiHandler;
import com.rushgate.core.lambda.ApiRequests;
import com.rushgate.core.lambda.ApiResponses;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * GET /requests/{requestId}: a strongly consistent read of the caller's own request. Someone
 * else's request gets exactly the same 404 as one that does not exist.
 */
public final class StatusHandler extends ApiHandler {

    private final RequestStatusUseCase statuses;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link StatusPriming}).
     */
    public StatusHandler() {
        this(StatusWiring.fromEnvironment(Env.current()));
    }

    private StatusHandler(StatusWiring wiring) {
        this(wiring.statuses());
        SnapStartPriming.register(wiring.priming());
    }

    StatusHandler(RequestStatusUseCase statuses) {
        this.statuses = Objects.requireNonNull(statuses, "statuses");
    }

    @Override
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                String userId = ApiRequests.subject(event);
                if (userId == null) {
                    throw new ClientException(ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
                }
                StatusQuery query = new StatusQuery(ApiRequests.pathParameter(event, "requestId"), userId);
                MDC.put("requestId", query.requestId());
                return ApiResponses.json(200, body(statuses.status(query)));
            } catch (RuntimeException failure) {
                return ApiResponses.failure(failure);
            } finally {
                MDC.remove("requestId");
            }
        });
    }

    private static Map<String, Object> body(RequestView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", view.requestId());
        body.put("eventId", view.eventId());
        body.put("status", view.status().name());
        if (view.reason() != null) {
            body.put("reason", view.reason());
        }
        body.put("acceptedAt", Timestamps.format(view.acceptedAt()));
        if (view.completedAt() != null) {
            body.put("completedAt", Timestamps.format(view.completedAt()));
        }
        if (view.drawAt() != null) {
            body.put("drawAt", Timestamps.format(view.drawAt()));
        }
        return body;
    }
}
