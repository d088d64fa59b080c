package com.rushgate.ingest;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.UserKeyDerivation;
import com.rushgate.core.lambda.PowertoolsMetrics;
import java.time.Clock;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.persistence.DynamoDBPersistenceStore;

/** The one place where Ingest's parts are built from the environment. */
record IngestWiring(IdempotentParticipations participations, RequestStatusUseCase statuses,
                    UserKeyDerivation userKeys, PowertoolsMetrics metrics, CachedEventCatalog events) {

    /** Answers replayed from the container's memory, before the IdempotencyTable is asked. */
    private static final int LOCAL_CACHE_ITEMS = 1000;

    static IngestWiring fromEnvironment(Env env) {
        IngestConfig config = IngestConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);

        Idempotency.config()
                .withPersistenceStore(DynamoDBPersistenceStore.builder()
                        .withTableName(config.idempotencyTable())
                        .withDynamoDbClient(dynamoDb)
                        .build())
                .withConfig(IdempotencyConfig.builder()
                        .withExpiration(config.idempotencyTtl())
                        .withUseLocalCache(true)
                        .withLocalCacheMaxItems(LOCAL_CACHE_ITEMS)
                        .build())
                .configure();

        DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, config.requestTable());
        CachedEventCatalog events = new CachedEventCatalog(new DynamoEventCatalog(dynamoDb, config.eventTable()),
                clock, config.eventCacheTtl());
        UserKeyDerivation userKeys = new HmacUserKeys(config.userKeySecret());
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        ParticipateUseCase useCase = new ParticipateUseCase(events, requests,
                new SqsWorkQueue(clients.sqs(), config.queueUrl()), new Sha256RequestIds(), userKeys, clock, metrics);
        return new IngestWiring(new IdempotentParticipations(useCase), new RequestStatusUseCase(requests), userKeys,
                metrics, events);
    }
}
