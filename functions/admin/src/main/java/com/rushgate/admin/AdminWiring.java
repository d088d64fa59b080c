package com.rushgate.admin;

import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.DeadLetterPeekUseCase;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EventChangesUseCase;
import com.rushgate.core.app.EventOverviewUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RedriveUseCase;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.app.port.EventCounts;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoArrivalIndex;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoEventCounts;
import com.rushgate.core.aws.DynamoInflightIndex;
import com.rushgate.core.aws.DynamoManagedEvents;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.S3DrawResults;
import com.rushgate.core.aws.SqsDeadLetterSource;
import com.rushgate.core.aws.SqsQueueGauges;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The one place where the admin function's parts are built from the environment. */
record AdminWiring(AdminUseCases useCases, PowertoolsMetrics metrics, SnapStartPriming priming) {

    /** The minutes of decisions the counts' latency p95 covers. */
    static final int LATENCY_WINDOW_MINUTES = 5;

    static AdminWiring fromEnvironment(Env env) {
        AdminConfig config = AdminConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SqsClient sqs = clients.sqs();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        SecureRandom random = new SecureRandom();
        Supplier<DrawSeed> seeds = () -> DrawSeed.random(random);

        DynamoManagedEvents events = new DynamoManagedEvents(dynamoDb, config.eventTable());
        DynamoRaffles raffles = new DynamoRaffles(dynamoDb, config.eventTable());
        DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, config.requestTable(), config.arrivalShards());
        DynamoInflightIndex inflight = new DynamoInflightIndex(dynamoDb, config.requestTable(), config.inflightIndex());
        S3DrawResults results = new S3DrawResults(clients.s3Objects(), config.analyticsBucket(), clock);
        SqsWorkQueue queue = new SqsWorkQueue(sqs, config.queueUrl());
        SqsDeadLetterSource deadLetters = new SqsDeadLetterSource(sqs, config.deadLetterQueue());
        SqsQueueGauges gauges = new SqsQueueGauges(sqs, config.queueUrl(), config.deadLetterQueue());
        EventCounts counts = new DynamoEventCounts(dynamoDb, config.countsTable(), LATENCY_WINDOW_MINUTES);

        AdminUseCases useCases = new AdminUseCases(
                new CreateEventUseCase(raffles, seeds),
                new EventOverviewUseCase(events, counts, gauges, inflight, results, clock),
                new EventChangesUseCase(events, counts, seeds, clock),
                new DrawUseCase(new DynamoEventCatalog(dynamoDb, config.eventTable()), raffles,
                        new DynamoArrivalIndex(dynamoDb, config.requestTable(), config.arrivalIndex(),
                                config.arrivalShards()),
                        requests, results, queue, config.drawPolicy(), clock),
                new DeadLetterPeekUseCase(deadLetters, requests),
                new RedriveUseCase(deadLetters, requests, queue, clock, metrics),
                clock);

        List<Step> steps = List.of(
                new Step("item mappings", ItemMappings::roundTrip),
                new Step("GetQueueAttributes on the work queue and the DLQ", gauges::read),
                new Step("Query on the in-flight index", () -> inflight.oldest(RequestStatus.QUEUED)),
                new Step("GetItem on the RequestTable and the seed", () -> {
                    requests.find(PrimingPorts.REQUEST_ID);
                    raffles.seed(PrimingPorts.EVENT_ID);
                }),
                new Step("UpdateItem, ReceiveMessage and S3 GetObject, stopped before sending", () -> {
                    clients.rehearseWrite(() -> events.restock(PrimingPorts.EVENT_ID, 1));
                    clients.rehearseWrite(() -> deadLetters.receive(1, Duration.ofSeconds(1)));
                    clients.rehearseWrite(() -> results.page("draws/" + PrimingPorts.EVENT_ID + "/snapstart-priming/",
                            DrawFile.WINNERS, 0, 1));
                }));
        SnapStartPriming priming = AdminPriming.create(events, counts, gauges, inflight, raffles, requests, config,
                metrics, clock, clients::primingScope, steps);
        return new AdminWiring(useCases, metrics, priming);
    }
}
