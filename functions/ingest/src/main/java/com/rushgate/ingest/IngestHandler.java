package com.rushgate.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.app.StatusQuery;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestIdDerivation;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.UserKeyDerivation;
import com.rushgate.core.lambda.ApiRequests;
import com.rushgate.core.lambda.ApiResponses;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * POST /events/{eventId}/participations. 202 for a new request, 200 for a duplicate (with its
 * current status), 4xx for bad input, 409 IN_PROGRESS for a concurrent duplicate, 503 when a
 * dependency fails (the request then stays RECEIVED and a retry sends it).
 */
public final class IngestHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** The same derivation the use case applies; a pure function of (eventId, userId). */
    private static final RequestIdDerivation REQUEST_IDS = new Sha256RequestIds();

    private final IdempotentParticipations participations;
    private final RequestStatusUseCase statuses;
    private final UserKeyDerivation userKeys;
    private final PowertoolsMetrics metrics;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link IngestPriming}).
     */
    public IngestHandler() {
        this(IngestWiring.fromEnvironment(Env.current()));
    }

    private IngestHandler(IngestWiring wiring) {
        this(wiring.participations(), wiring.statuses(), wiring.userKeys(), wiring.metrics());
        SnapStartPriming.register(wiring.priming());
    }

    IngestHandler(IdempotentParticipations participations, RequestStatusUseCase statuses, UserKeyDerivation userKeys,
                  PowertoolsMetrics metrics) {
        this.participations = Objects.requireNonNull(participations, "participations");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.userKeys = Objects.requireNonNull(userKeys, "userKeys");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            ParticipateCommand command = null;
            try {
                command = IngestRequests.command(event);
                MDC.put("eventId", command.eventId());
                String userKey = userKeys.derive(command.userId());
                IngestResult result = participations.participate(new ParticipationKey(command.eventId(), userKey),
                        command, context);
                MDC.put("requestId", result.requestId());
                return respond(result, command, context, ApiRequests.basePath(event));
            } catch (RuntimeException failure) {
                RequestId requestId = command == null ? null : REQUEST_IDS.derive(command.eventId(), command.userId());
                return ApiResponses.failure(IngestFailures.translate(failure, requestId));
            } finally {
                metrics.publish();
                MDC.remove("eventId");
                MDC.remove("requestId");
            }
        });
    }

    private APIGatewayProxyResponseEvent respond(IngestResult result, ParticipateCommand command, Context context,
                                                 String basePath) {
        boolean replayed = !context.getAwsRequestId().equals(result.invocationId());
        String status = replayed
                ? statuses.status(new StatusQuery(result.requestId(), command.userId())).status().name()
                : result.status();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("requestId", result.requestId());
        body.put("status", status);
        body.put("statusUrl", basePath + "/requests/" + result.requestId());
        return ApiResponses.json(result.created() && !replayed ? 202 : 200, body);
    }
}
