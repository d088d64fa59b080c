package com.rushgate.redrive;

import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The one place where the Draw function's parts are built from the environment. */
record DrawWiring(DrawUseCase useCase, SnapStartPriming priming) {

    static DrawWiring fromEnvironment(Env env) {
        DrawConfig config = DrawConfig.from(env);
        AwsClients clients = new AwsClients(env);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        DrawAdapters adapters = DrawAdapters.create(clients, clients.dynamoDb(), clients.sqs(), config, clock);

        List<Step> steps = new ArrayList<>();
        steps.add(new Step("item mappings", ItemMappings::roundTrip));
        steps.addAll(adapters.primingSteps(clients, clock));
        SnapStartPriming priming = DrawPriming.create(adapters.events(), adapters.raffles(), adapters.requests(),
                config.policy(), clock, clients::primingScope, steps);
        return new DrawWiring(adapters.useCase(config, clock), priming);
    }
}
