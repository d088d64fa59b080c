package com.rushgate.worker;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockAllocator;
import com.rushgate.core.aws.SqsDeadLetters;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.lambda.PowertoolsMetrics;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one place where the worker's parts are built from the environment. */
record WorkerWiring(ProcessRequestUseCase useCase, ExecutorService pool, PowertoolsMetrics metrics,
                    CachedEventCatalog events) {

    static WorkerWiring fromEnvironment(Env env) {
        WorkerConfig config = WorkerConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        CachedEventCatalog events = new CachedEventCatalog(new DynamoEventCatalog(dynamoDb, config.eventTable()),
                clock, config.eventCacheTtl(), false);
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        ProcessRequestUseCase useCase = new ProcessRequestUseCase(
                new DynamoRequestStore(dynamoDb, config.requestTable()),
                events,
                new DynamoStockAllocator(dynamoDb, config.eventTable(), config.requestTable()),
                new SqsDeadLetters(clients.sqs(), config.deadLetterQueue()),
                new DecisionRules(),
                config.policy(),
                clock,
                metrics);
        ExecutorService pool = Executors.newFixedThreadPool(config.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "rushgate-worker");
            thread.setDaemon(true);
            return thread;
        });
        return new WorkerWiring(useCase, pool, metrics, events);
    }
}
