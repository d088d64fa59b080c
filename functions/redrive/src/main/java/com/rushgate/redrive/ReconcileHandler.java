package com.rushgate.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ReconcilePolicy;
import com.rushgate.core.app.ReconcileReport;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoInflightIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.SqsDeadLetters;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs on a schedule: finds requests that no message will move again and sends them back to the
 * queue, or gives them up to the DLQ once their attempts are used. Answers what it did.
 */
public final class ReconcileHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final ReconcileUseCase useCase;
    private final PowertoolsMetrics metrics;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link ReconcilePriming}).
     */
    public ReconcileHandler() {
        this(Wiring.fromEnvironment(Env.current()));
    }

    private ReconcileHandler(Wiring wiring) {
        this(wiring.useCase(), wiring.metrics());
        SnapStartPriming.register(wiring.priming());
    }

    ReconcileHandler(ReconcileUseCase useCase, PowertoolsMetrics metrics) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
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
                return output;
            } finally {
                metrics.publish();
            }
        });
    }

    /** The one place where the reconciler's parts are built from the environment. */
    private record Wiring(ReconcileUseCase useCase, PowertoolsMetrics metrics, SnapStartPriming priming) {

        static Wiring fromEnvironment(Env env) {
            AwsClients clients = new AwsClients(env);
            DynamoDbClient dynamoDb = clients.dynamoDb();
            SqsClient sqs = clients.sqs();
            String table = env.require("REQUEST_TABLE");
            ReconcilePolicy policy = new ReconcilePolicy(
                    env.requireSeconds("RECONCILE_RECEIVED_AFTER_SECONDS", 1, 86_400),
                    env.requireSeconds("RECONCILE_STALE_AFTER_SECONDS", 1, 7 * 86_400),
                    env.requireInt("RECONCILE_MAX_ATTEMPTS", 1, 1000),
                    env.requireInt("RECONCILE_MAX_PER_RUN", 1, 100_000));
            PowertoolsMetrics metrics = new PowertoolsMetrics(env.require("POWERTOOLS_METRICS_NAMESPACE"),
                    env.require("POWERTOOLS_SERVICE_NAME"));
            Clock clock = Clock.tickMillis(ZoneOffset.UTC);
            DynamoInflightIndex index = new DynamoInflightIndex(dynamoDb, table, env.require("INFLIGHT_INDEX"));
            DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, table, env.requireInt("ARRIVAL_SHARDS", 1, 100));
            SqsWorkQueue queue = new SqsWorkQueue(sqs, env.requireUri("QUEUE_URL").toString());
            SqsDeadLetters deadLetters = new SqsDeadLetters(sqs, env.requireUri("DLQ_URL").toString());
            ReconcileUseCase useCase = new ReconcileUseCase(index, requests, queue, deadLetters, policy, clock, metrics);

            SnapStartPriming priming = ReconcilePriming.create(index, requests, policy, metrics, clients::primingScope,
                    List.of(new Step("GetQueueAttributes on the work queue", queue::readAttributes),
                            new Step("GetQueueAttributes on the DLQ", deadLetters::readAttributes),
                            new Step("item mappings", ItemMappings::roundTrip),
                            new Step("SendMessage and UpdateItem, stopped before sending", () -> {
                                clients.rehearseWrite(() -> queue.send(PrimingPorts.message()));
                                clients.rehearseWrite(() -> requests.requeue(new RequestStore.InflightRequest(
                                        PrimingPorts.REQUEST_ID, PrimingPorts.EVENT_ID, RequestStatus.RECEIVED, 0,
                                        PrimingPorts.ACCEPTED_AT, null, 1, PrimingPorts.ACCEPTED_AT), clock.instant()));
                            })));
            return new Wiring(useCase, metrics, priming);
        }
    }
}
