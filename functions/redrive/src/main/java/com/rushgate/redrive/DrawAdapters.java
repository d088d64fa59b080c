package com.rushgate.redrive;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoArrivalIndex;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.S3DrawResults;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS adapters a draw runs on, built once per container; the Draw function and the reconciler
 * build theirs the same way.
 */
record DrawAdapters(DynamoEventCatalog events, DynamoRaffles raffles, DynamoArrivalIndex line,
                    DynamoRequestStore requests, S3DrawResults results, SqsWorkQueue queue) {

    /** @param dynamoDb and {@code sqs}: the function's own clients, shared with its other adapters */
    static DrawAdapters create(AwsClients clients, DynamoDbClient dynamoDb, SqsClient sqs, DrawConfig config,
                               Clock clock) {
        return new DrawAdapters(
                new DynamoEventCatalog(dynamoDb, config.eventTable()),
                new DynamoRaffles(dynamoDb, config.eventTable()),
                new DynamoArrivalIndex(dynamoDb, config.requestTable(), config.arrivalIndex(), config.arrivalShards()),
                new DynamoRequestStore(dynamoDb, config.requestTable(), config.arrivalShards()),
                new S3DrawResults(clients.s3Objects(), config.analyticsBucket(), clock),
                new SqsWorkQueue(sqs, config.queueUrl()));
    }

    DrawUseCase useCase(DrawConfig config, Clock clock) {
        return new DrawUseCase(events, raffles, line, requests, results, queue, config.policy(), clock);
    }

    /**
     * The draw's reads on the priming event (none finds anything), then its writes rehearsed: built,
     * signed and stopped before they are sent, S3 reads included (the guard lets no S3 call through).
     */
    List<Step> primingSteps(AwsClients clients, Clock clock) {
        DrawDecisions decisions = new DrawDecisions(PrimingPorts.EVENT_ID, PrimingPorts.ACCEPTED_AT,
                List.of(new EntryDecision(PrimingPorts.REQUEST_ID, PrimingPorts.ACCEPTED_AT, EntryDecision.Verdict.NOT_DRAWN)));
        return List.of(
                new Step("GetItem on the EventTable, the event and its seed", () -> {
                    events.findLatest(PrimingPorts.EVENT_ID);
                    raffles.seed(PrimingPorts.EVENT_ID);
                }),
                new Step("Query on the arrival index", () -> line.forEach(PrimingPorts.EVENT_ID, arrival -> { })),
                new Step("S3 GetObject and PutObject, UpdateItem, SendMessageBatch, stopped before sending", () -> {
                    clients.rehearseWrite(() -> results.read("draws/" + PrimingPorts.EVENT_ID + "/snapstart-priming/"));
                    clients.rehearseWrite(() -> results.page("draws/" + PrimingPorts.EVENT_ID + "/snapstart-priming/",
                            DrawResults.DrawFile.WINNERS, 0, 1));
                    clients.rehearseWrite(() -> results.announce(primingDraw()));
                    clients.rehearseWrite(() -> raffles.recordFanOut(PrimingPorts.EVENT_ID, clock.instant()));
                    clients.rehearseWrite(() -> queue.sendDecisions(List.of(decisions)));
                }));
    }

    /** A draw of no entries for the priming event, only ever rehearsed. */
    private static PublishedDraw primingDraw() {
        DrawSeed seed = DrawSeed.fromHex("00".repeat(32));
        return new PublishedDraw(PrimingPorts.EVENT_ID, 0, seed.commitment(), seed.hex(), PrimingPorts.ACCEPTED_AT,
                PrimingPorts.ACCEPTED_AT, 0, List.of(), List.of(), "draws/" + PrimingPorts.EVENT_ID + "/snapstart-priming/");
    }
}
