package com.rushgate.local.stack;

import com.nimbusds.jose.jwk.RSAKey;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.ApiSpec;
import java.time.Clock;
import java.util.function.Function;

/**
 * The template's API on the local gateway (its routes, WAF rules and throttles, and with the AWS
 * limits the account's throttle), the operator key of the state directory whose SigV4 signatures
 * the AWS_IAM routes accept, and, when the API has a Cognito authorizer, the local issuer that signs
 * tokens with the state directory's key and the verifier that checks them.
 */
final class LocalApi {

    private static final int GATEWAY_THREADS = 256;

    private final Gateway gateway;
    private final LocalIssuer issuer;
    private final OperatorKey operatorKey;

    private LocalApi(Gateway gateway, LocalIssuer issuer, OperatorKey operatorKey) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.operatorKey = operatorKey;
    }

    static LocalApi start(ApiSpec api, StackModel model, StackOptions options,
                          Function<String, FunctionPool> functions, Resources resources) {
        TokenVerifier verifier = null;
        LocalIssuer issuer = null;
        if (api.issuer() != null) {
            RSAKey key = LocalIssuer.loadOrCreateKey(options.stateDir());
            issuer = new LocalIssuer(key, api.issuer(), api.audiences(), Clock.systemUTC());
            verifier = new TokenVerifier(key.toPublicJWK(), api.issuer(), api.audiences(), Clock.systemUTC());
        }
        OperatorKey operatorKey = OperatorKey.loadOrCreate(options.stateDir());
        SigV4Verifier iam = new SigV4Verifier(operatorKey, options.region(), Clock.systemUTC());
        Gateway gateway = resources.track(new Gateway(api, model.routes(), model.webAcl().orElse(null), functions,
                verifier, iam, options.apiPort(), GATEWAY_THREADS,
                options.awsLimits().map(AwsLimits::apiAccountRate).orElse(0.0),
                options.awsLimits().map(AwsLimits::apiAccountBurst).orElse(0)));
        return new LocalApi(gateway, issuer, operatorKey);
    }

    Gateway gateway() {
        return gateway;
    }

    /** The key the AWS_IAM routes accept signatures of. */
    OperatorKey operatorKey() {
        return operatorKey;
    }

    /** Null when the API has no authorizer. */
    LocalIssuer issuer() {
        return issuer;
    }
}
