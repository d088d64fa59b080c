package com.rushgate.local.bench;

import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.lambda.QuotaInvoker;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.ApiRoute;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The synchronous baseline of the burst, served: a gateway of its own with the participation route
 * of the template, its authorizer and its WAF, in front of {@link SyncParticipation} as a function
 * with the Ingest function's concurrency. Under AWS's limits it meets what a deployed one would:
 * the account's API throttle, and Lambda's concurrency and scaling as a function of its own.
 */
final class SyncBaseline implements AutoCloseable {

    private final SyncParticipation participation;
    private final Gateway gateway;

    private SyncBaseline(SyncParticipation participation, Gateway gateway) {
        this.participation = participation;
        this.gateway = gateway;
    }

    /** Starts the baseline's gateway on a free port, beside the stack and on its tables. */
    static SyncBaseline start(LocalStack stack) {
        StackModel model = stack.model();
        ApiRoute ingestRoute = model.routes().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        int concurrency = model.function(ingestRoute.functionId()).concurrency();
        SyncParticipation participation = new SyncParticipation(stack.functionClients().dynamoDb(),
                model.functionVariable("REQUEST_TABLE"), Integer.parseInt(model.functionVariable("ARRIVAL_SHARDS")),
                model.functionVariable("EVENT_TABLE"), new byte[32], Duration.ofSeconds(5), concurrency,
                Duration.ofSeconds(10));
        ApiRoute route = new ApiRoute("SyncParticipation", "POST", ingestRoute.pathTemplate(), true,
                ingestRoute.bodyModel());
        LocalIssuer issuer = stack.issuer().orElseThrow();
        TokenVerifier verifier = new TokenVerifier(issuer.publicKey(), issuer.issuer(), issuer.audiences(),
                Clock.systemUTC());
        Invoker function = stack.lambdaQuotas().<Invoker>map(quotas -> new QuotaInvoker(participation,
                quotas.function(route.functionId()))).orElse(participation);
        Gateway gateway = new Gateway(model.api().orElseThrow(), List.of(route), model.webAcl().orElse(null),
                id -> function, verifier, 0, 256, stack.awsLimits().map(AwsLimits::apiAccountRate).orElse(0.0),
                stack.awsLimits().map(AwsLimits::apiAccountBurst).orElse(0));
        return new SyncBaseline(participation, gateway);
    }

    /** Where participants send to. */
    URI endpoint() {
        return gateway.endpoint();
    }

    /** Transactions retried inline after a conflict, so far; still readable once closed. */
    long retries() {
        return participation.retries();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
