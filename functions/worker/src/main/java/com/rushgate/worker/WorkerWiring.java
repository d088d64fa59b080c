package com.rushgate.worker;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.OrderedAllocation;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.port.Pause;
import com.rushgate.core.app.port.Redelivery;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoArrivalIndex;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockLedger;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.SqsDeadLetters;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The one place where the worker's parts are built from the environment. */
record WorkerWiring(ProcessRequestUseCase useCase, DecideEntriesUseCase entries, ExecutorService pool,
                    PowertoolsMetrics metrics, CachedEventCatalog events, Redelivery redelivery, SnapStartPriming priming) {

    static WorkerWiring fromEnvironment(Env env) {
        WorkerConfig config = WorkerConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        DynamoEventCatalog eventTable = new DynamoEventCatalog(dynamoDb, config.eventTable());
        CachedEventCatalog events = new CachedEventCatalog(eventTable, clock, config.eventCacheTtl(), false);
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, config.requestTable(), config.arrivalShards());
        DynamoStockLedger ledger = new DynamoStockLedger(dynamoDb, config.eventTable(), config.requestTable());
        DynamoArrivalIndex arrivals = new DynamoArrivalIndex(dynamoDb, config.requestTable(), config.arrivalIndex(),
                config.arrivalShards());
        // One SQS client for both queues: each client costs its own build at init.
        SqsClient sqs = clients.sqs();
        SqsDeadLetters deadLetters = new SqsDeadLetters(sqs, config.deadLetterQueue());
        SqsWorkQueue queue = new SqsWorkQueue(sqs, config.queueUrl());
        OrderedAllocation allocation = new OrderedAllocation(requests, arrivals, ledger, config.allocation(), clock,
                Pause.sleeping(), () -> UUID.randomUUID().toString(), metrics);
        ProcessRequestUseCase useCase = new ProcessRequestUseCase(requests, events, allocation, queue, deadLetters,
                new DecisionRules(), config.policy(), clock, metrics);
        DecideEntriesUseCase entries = new DecideEntriesUseCase(requests, clock, Pause.sleeping(), metrics);
        ExecutorService pool = Executors.newFixedThreadPool(config.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "rushgate-worker");
            thread.setDaemon(true);
            return thread;
        });

        SnapStartPriming priming = WorkerPriming.create(
                new WorkerPriming.Parts(requests, events, config.policy(), config.allocation(), clock, pool, metrics),
                clients::primingScope,
                List.of(new Step("GetItem on the EventTable", () -> eventTable.find(PrimingPorts.EVENT_ID)),
                        new Step("GetItem on the RequestTable", () -> requests.find(PrimingPorts.REQUEST_ID)),
                        new Step("Query on the arrival index", () -> arrivals.next(PrimingPorts.EVENT_ID,
                                Optional.empty(), clock.instant(), 1)),
                        new Step("GetQueueAttributes on the DLQ", deadLetters::readAttributes),
                        new Step("GetQueueAttributes on the work queue", queue::readAttributes),
                        new Step("item mappings", ItemMappings::roundTrip),
                        // A request whose turn has not come is sent again on its last delivery.
                        new Step("SendMessage to the work queue, stopped before sending",
                                () -> clients.rehearseWrite(() -> queue.send(PrimingPorts.message()))),
                        new Step("UpdateItem and TransactWriteItems, stopped before sending", () -> {
                            Instant now = clock.instant();
                            clients.rehearseWrite(() -> requests.claim(PrimingPorts.REQUEST_ID, now,
                                    now.plus(config.policy().lease())));
                            clients.rehearseWrite(() -> ledger.acquire(PrimingPorts.EVENT_ID, "snapstart-priming", now,
                                    now.plus(config.allocation().lease())));
                            clients.rehearseWrite(() -> ledger.grant(PrimingPorts.EVENT_ID, "snapstart-priming",
                                    new StockLedger.State(1, Optional.empty(), Optional.empty(), now),
                                    List.of(ArrivalKey.of(PrimingPorts.request(RequestStatus.QUEUED))),
                                    ArrivalKey.of(PrimingPorts.request(RequestStatus.QUEUED)), now, now));
                        })));
        return new WorkerWiring(useCase, entries, pool, metrics, events, queue, priming);
    }
}
