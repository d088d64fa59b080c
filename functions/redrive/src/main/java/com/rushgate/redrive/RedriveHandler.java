package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rushgate.core.app.RedriveCommand;
import com.rushgate.core.app.RedriveReport;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Sends DLQ messages back to the work queue. Input:
 * {@code {"eventId"?, "maxMessages"? (100), "dryRun"? (false), "reason"?, "discardUnreadable"? (false)}};
 * output: {@code {"examined", "redriven", "skipped", "failed", "dryRun"}}. An invalid input fails the
 * invocation with the reason.
 */
public final class RedriveHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RedriveUseCase useCase;
    private final PowertoolsMetrics metrics;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link RedrivePriming}).
     */
    public RedriveHandler() {
        this(RedriveWiring.fromEnvironment(Env.current()));
    }

    private RedriveHandler(RedriveWiring wiring) {
        this(wiring.useCase(), wiring.metrics());
        SnapStartPriming.register(wiring.priming());
    }

    RedriveHandler(RedriveUseCase useCase, PowertoolsMetrics metrics) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                RedriveReport report = useCase.redrive(command(input));
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("examined", report.examined());
                output.put("redriven", report.redriven());
                output.put("skipped", report.skipped());
                output.put("failed", report.failed());
                output.put("dryRun", report.dryRun());
                return output;
            } finally {
                metrics.publish();
            }
        });
    }

    static RedriveCommand command(Map<String, Object> input) {
        OperatorInput fields = new OperatorInput(input, "eventId", "maxMessages", "dryRun", "reason",
                "discardUnreadable");
        return new RedriveCommand(
                fields.text("eventId"),
                fields.integer("maxMessages", RedriveCommand.DEFAULT_MAX_MESSAGES),
                fields.flag("dryRun"),
                fields.text("reason"),
                fields.flag("discardUnreadable"));
    }
}
