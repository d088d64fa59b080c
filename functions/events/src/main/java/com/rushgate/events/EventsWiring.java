package com.rushgate.events;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.ItemMappings;
import com.rushgate.core.aws.S3DrawResults;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import com.rushgate.core.lambda.SnapStartPriming.Step;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/** The one place where the public event view's parts are built from the environment. */
record EventsWiring(EventInfoUseCase useCase, SnapStartPriming priming) {

    static EventsWiring fromEnvironment(Env env) {
        EventsConfig config = EventsConfig.from(env);
        AwsClients clients = new AwsClients(env);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        DynamoEventCatalog eventTable = new DynamoEventCatalog(clients.dynamoDb(), config.eventTable());
        // A made-up event id is not cached: anyone can send one, and the cache would grow with them.
        CachedEventCatalog events = new CachedEventCatalog(eventTable, clock, config.eventCacheTtl(), false);
        S3DrawResults results = new S3DrawResults(clients.s3Objects(), config.analyticsBucket(), clock);

        SnapStartPriming priming = EventsPriming.create(events, config.settle(), clock, clients::primingScope,
                List.of(new Step("item mappings", ItemMappings::roundTrip),
                        new Step("S3 GetObject of a page, stopped before sending", () -> clients.rehearseWrite(() ->
                                results.page("draws/" + PrimingPorts.EVENT_ID + "/snapstart-priming/", DrawFile.ENTRIES,
                                        0, EventInfoUseCase.PAGE_SIZE)))));
        return new EventsWiring(new EventInfoUseCase(events, results, config.settle(), clock), priming);
    }
}
