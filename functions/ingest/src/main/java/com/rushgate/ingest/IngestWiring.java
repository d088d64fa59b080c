package com.rushgate.ingest;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.UserKeyDerivation;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one place where Ingest's parts are built from the environment. */
record IngestWiring(IdempotentParticipations participations, RequestStatusUseCase statuses,
                    UserKeyDerivation userKeys, PowertoolsMetrics metrics, CachedEventCatalog events,
                    SnapStartPriming priming) {

    static IngestWiring fromEnvironment(Env env) {
        IngestConfig config = IngestConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);

        DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, config.requestTable(), config.arrivalShards())
                .withInsertTimeout(config.writeTimeout());
        DynamoEventCatalog eventTable = new DynamoEventCatalog(dynamoDb, config.eventTable());
        CachedEventCatalog events = new CachedEventCatalog(eventTable, clock, config.eventCacheTtl());
        SqsWorkQueue queue = new SqsWorkQueue(clients.sqs(), config.queueUrl());
        UserKeyDerivation userKeys = new HmacUserKeys(config.userKeySecret());
        PowertoolsMetrics metrics = new PowertoolsMetrics(config.metricsNamespace(), config.serviceName());
        ParticipateUseCase useCase = new ParticipateUseCase(events, requests, queue, new Sha256RequestIds(), userKeys,
                clock, metrics);
        IdempotencyRecords idempotency = new IdempotencyRecords(useCase, config.idempotencyTtl());
        idempotency.useRequestTable();

        SnapStartPriming priming = IngestPriming.create(
                new IngestPriming.Parts(events, requests, userKeys, clock, metrics, idempotency),
                clients::primingScope,
                List.of(new Step("GetItem on the RequestTable", () -> requests.find(PrimingPorts.REQUEST_ID)),
                        new Step("GetItem on the EventTable", () -> eventTable.find(PrimingPorts.EVENT_ID)),
                        new Step("GetQueueAttributes on the work queue", queue::readAttributes),
                        new Step("item mappings", ItemMappings::roundTrip),
                        new Step("PutItem, SendMessage and UpdateItem, stopped before sending", () -> {
                            clients.rehearseWrite(() -> requests.insertIfAbsent(PrimingPorts.request(RequestStatus.RECEIVED)
                                    .heldUntil(clock.instant().plus(ParticipateUseCase.DEFAULT_SENDING_HOLD))));
                            clients.rehearseWrite(() -> queue.send(PrimingPorts.message()));
                            clients.rehearseWrite(() -> requests.markQueued(PrimingPorts.REQUEST_ID, clock.instant()));
                        })));
        return new IngestWiring(new IdempotentParticipations(useCase), new RequestStatusUseCase(requests), userKeys,
                metrics, events, priming);
    }
}
