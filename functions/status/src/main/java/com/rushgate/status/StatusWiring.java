package com.rushgate.status;

import com.rushgate.core.app.RequestStatusUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.util.List;

/** The one place where Status's parts are built from the environment. */
record StatusWiring(RequestStatusUseCase statuses, SnapStartPriming priming) {

    static StatusWiring fromEnvironment(Env env) {
        StatusConfig config = StatusConfig.from(env);
        AwsClients clients = new AwsClients(env);
        DynamoRequestStore requests = new DynamoRequestStore(clients.dynamoDb(), config.requestTable(),
                config.arrivalShards());
        return new StatusWiring(new RequestStatusUseCase(requests), StatusPriming.create(requests,
                clients::primingScope, List.of(new Step("item mappings", ItemMappings::roundTrip))));
    }
}
