package com.rushgate.redrive;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.SqsDeadLetterSource;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The one place where the Redrive function's parts are built from the environment. */
record RedriveWiring(RedriveUseCase useCase, PowertoolsMetrics metrics, SnapStartPriming priming) {

    static RedriveWiring fromEnvironment(Env env) {
        RedriveConfig config = RedriveConfig.from(env);
        AwsClients clients = new AwsClients(env);
        SqsClient sqs = clients.sqs();
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        SqsDeadLetterSource deadLetters = new SqsDeadLetterSource(sqs, config.deadLetterQueue());
        DynamoRequestStore requests = new DynamoRequestStore(clients.dynamoDb(), config.requestTable(),
                config.arrivalShards());
        SqsWorkQueue queue = new SqsWorkQueue(sqs, config.queueUrl());
        RedriveUseCase useCase = new RedriveUseCase(deadLetters, requests, queue, clock, metrics);

        SnapStartPriming priming = RedrivePriming.create(requests, clock, metrics, clients::primingScope,
                List.of(new Step("GetItem on the RequestTable", () -> requests.find(PrimingPorts.REQUEST_ID)),
                        new Step("GetQueueAttributes on the DLQ", deadLetters::readAttributes),
                        new Step("GetQueueAttributes on the work queue", queue::readAttributes),
                        new Step("item mappings", ItemMappings::roundTrip),
                        new Step("ReceiveMessage, UpdateItem and SendMessage, stopped before sending", () -> {
                            clients.rehearseWrite(() -> deadLetters.receive(1, Duration.ofSeconds(1)));
                            clients.rehearseWrite(() -> requests.redrive(PrimingPorts.REQUEST_ID, null, clock.instant()));
                            clients.rehearseWrite(() -> queue.send(PrimingPorts.message()));
                        })));
        return new RedriveWiring(useCase, metrics, priming);
    }
}
