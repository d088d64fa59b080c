package com.rushgate.tally;

import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.CountsItem;
import com.rushgate.core.aws.DynamoCountsLedger;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The one place where the Tally function's parts are built from the environment. */
record TallyWiring(Tally tally, SnapStartPriming priming) {

    static TallyWiring fromEnvironment(Env env) {
        TallyConfig config = TallyConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoCountsLedger ledger = new DynamoCountsLedger(clients.dynamoDb(), config.countsTable());
        SnapStartPriming priming = TallyPriming.create(clients::primingScope, List.of(
                // A read opens the connection and warms the answer's path: a key nothing has.
                new Step("GetItem on the CountsTable", () -> clients.dynamoDb().getItem(GetItemRequest.builder()
                        .tableName(config.countsTable())
                        .key(Map.of(CountsItem.EVENT_ID, AttributeValue.fromS(TallyPriming.EVENT_ID),
                                CountsItem.SLOT, AttributeValue.fromS(CountsItem.TOTALS)))
                        .build())),
                new Step("TransactWriteItems of the priming counts, stopped before sending", () -> clients.rehearseWrite(
                        () -> ledger.apply(TallyPriming.EVENT_ID, TallyPriming.SHARD_ID,
                                StreamBatch.parse(TallyPriming.batch()).changes())))));
        return new TallyWiring(new Tally(ledger), priming);
    }
}
