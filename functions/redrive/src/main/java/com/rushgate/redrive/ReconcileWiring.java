package com.rushgate.redrive;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ReconcileUseCase;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoInflightIndex;
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
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The one place where the reconciler's parts are built from the environment. */
record ReconcileWiring(ReconcileUseCase useCase, DueDraws draws, PowertoolsMetrics metrics, SnapStartPriming priming) {

    static ReconcileWiring fromEnvironment(Env env) {
        ReconcileConfig config = ReconcileConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SqsClient sqs = clients.sqs();
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        DynamoInflightIndex index = new DynamoInflightIndex(dynamoDb, config.requestTable(), config.inflightIndex());
        DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, config.requestTable(), config.arrivalShards());
        SqsWorkQueue queue = new SqsWorkQueue(sqs, config.queueUrl());
        SqsDeadLetters deadLetters = new SqsDeadLetters(sqs, config.deadLetterQueue());
        ReconcileUseCase useCase = new ReconcileUseCase(index, requests, queue, deadLetters, config.policy(), clock,
                metrics);
        DrawAdapters drawAdapters = DrawAdapters.create(clients, dynamoDb, sqs, config.draws(), clock);
        DueDraws draws = new DueDraws(drawAdapters.raffles(), drawAdapters.useCase(config.draws(), clock),
                config.draws().policy().settle(), clock);

        List<Step> steps = new ArrayList<>(List.of(
                new Step("GetQueueAttributes on the work queue", queue::readAttributes),
                new Step("GetQueueAttributes on the DLQ", deadLetters::readAttributes),
                new Step("item mappings", ItemMappings::roundTrip),
                new Step("SendMessage and UpdateItem, stopped before sending", () -> {
                    clients.rehearseWrite(() -> queue.send(PrimingPorts.message()));
                    clients.rehearseWrite(() -> requests.requeue(new RequestStore.InflightRequest(
                            PrimingPorts.REQUEST_ID, PrimingPorts.EVENT_ID, RequestStatus.RECEIVED, 0,
                            PrimingPorts.ACCEPTED_AT, null, 1, PrimingPorts.ACCEPTED_AT), clock.instant()));
                })));
        steps.addAll(drawAdapters.primingSteps(clients, clock));
        SnapStartPriming priming = ReconcilePriming.create(new ReconcilePriming.Parts(index, requests, config.policy(),
                drawAdapters.events(), drawAdapters.raffles(), config.draws().policy(), metrics), clients::primingScope,
                steps);
        return new ReconcileWiring(useCase, draws, metrics, priming);
    }
}
