package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.ReconcileReport;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs on a schedule: finds requests that no message will move again and sends them back to the
 * queue, or gives them up to the DLQ once their attempts are used; then draws the raffles that are
 * due and settles the ones drawn ({@link DueDraws}). Answers what it did:
 * {@code {"examined", "requeued", "gaveUp", "failed", "draws": [{"eventId", "outcome", ...}]}}.
 */
public final class ReconcileHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final ReconcileUseCase useCase;
    private final DueDraws draws;
    private final PowertoolsMetrics metrics;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link ReconcilePriming}).
     */
    public ReconcileHandler() {
        this(ReconcileWiring.fromEnvironment(Env.current()));
    }

    private ReconcileHandler(ReconcileWiring wiring) {
        this(wiring.useCase(), wiring.draws(), wiring.metrics());
        SnapStartPriming.register(wiring.priming());
    }

    ReconcileHandler(ReconcileUseCase useCase, DueDraws draws, PowertoolsMetrics metrics) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.draws = Objects.requireNonNull(draws, "draws");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                ReconcileReport report = useCase.reconcile();
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("examined", report.examined());
                output.put("requeued", report.requeued());
                output.put("gaveUp", report.gaveUp());
                output.put("failed", report.failed());
                output.put("draws", draws.run());
                return output;
            } finally {
                metrics.publish();
            }
        });
    }
}
