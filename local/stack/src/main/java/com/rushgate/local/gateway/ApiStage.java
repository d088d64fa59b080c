package com.rushgate.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.RouteAuth;
import com.rushgate.local.template.WebAclSpec;
import com.rushgate.local.template.WebAclSpec.Block;
import com.rushgate.local.template.WebAclSpec.WafRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's stage without its HTTP server: what API Gateway does with one request, in its
 * order. The request line and headers are measured, the web ACL's rate rules are applied, the
 * route is matched (an unknown one is answered as a missing token, as API Gateway does), the
 * throttles are taken, the body is measured, the route's authorizer checks the caller (the Cognito
 * authorizer's token, or the SigV4 signature of an AWS_IAM route), the body model is checked, and only then is the function invoked with an API Gateway proxy event. Its
 * proxy response is the answer; a function that fails or answers something else is a 502, one
 * that Lambda throttles a 429. Thread-safe.
 */
final class ApiStage {

    private static final Logger LOG = LoggerFactory.getLogger(ApiStage.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway's limit on the request line and headers together. */
    static final int MAX_HEADER_BYTES = 10 * 1024;

    private final ApiSpec api;
    private final Routes routes;
    private final Map<Route, BodyValidator> validators = new HashMap<>();
    private final WafEmulator waf;
    private final Throttles throttles;
    private final TokenVerifier verifier;
    private final SigV4Verifier iam;
    private final GatewayResponses responses;
    private final Function<String, ? extends Invoker> functions;
    private final LongSupplier nanoTime;
    private final Clock clock;

    /**
     * @param webAcl       the WAF web ACL in front of the stage, or null for none
     * @param functions    what runs each function, by logical id
     * @param verifier     null when the API has no authorizer
     * @param iam          what checks the signatures of AWS_IAM routes (against the operator key)
     * @param accountRate  the account throttle's requests per second, or 0 for none
     * @param accountBurst the account throttle's bucket size, or 0 for none
     * @param nanoTime     the throttles' and the WAF's time, as {@link System#nanoTime()}
     * @param clock        the request time in the proxy event
     */
    ApiStage(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
             TokenVerifier verifier, SigV4Verifier iam, double accountRate, int accountBurst, LongSupplier nanoTime, Clock clock) {
        this.api = api;
        this.routes = new Routes(apiRoutes);
        for (Route route : routes.all()) {
            if (route.route().bodyModel() != null) {
                validators.put(route, new BodyValidator(route.route().bodyModel()));
            }
        }
        this.waf = webAcl == null ? null : new WafEmulator(webAcl);
        this.throttles = new Throttles(api, routes.all(), accountRate, accountBurst, nanoTime.getAsLong());
        this.verifier = verifier;
        this.iam = iam;
        this.responses = new GatewayResponses(api.gatewayResponses());
        this.functions = functions;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /** Everything API Gateway does with one request, in its order. */
    Answer answer(IncomingRequest request) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String method = request.method().toUpperCase(Locale.ROOT);
        String rawPath = request.rawPath();
        if (request.headerBytes() > MAX_HEADER_BYTES) {
            return responses.answer("REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
        }
        if (waf != null) {
            WafRequest wafRequest = new WafRequest(request.clientIp(), method, rawPath, request.rawQuery(), request::header);
            Optional<Block> block = waf.evaluate(wafRequest, nanoTime.getAsLong());
            if (block.isPresent()) {
                return Answer.blocked(block.get(), requestId, responses);
            }
        }
        Optional<Routes.Match> found;
        try {
            found = routes.match(method, rawPath);
        } catch (IllegalArgumentException malformedEscape) {
            return responses.answer("DEFAULT_4XX", 400, "Bad Request", requestId);
        }
        if (found.isEmpty()) {
            // API Gateway answers unknown paths and methods as if a token were missing.
            return missingToken(requestId);
        }
        Routes.Match match = found.get();
        ApiRoute route = match.route().route();
        if (!throttles.admit(match.route(), nanoTime.getAsLong())) {
            return responses.answer("THROTTLED", 429, "Too Many Requests", requestId);
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return responses.answer("REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
        }
        Map<String, String> claims = null;
        SigV4Verifier.Caller caller = null;
        if (route.auth() == RouteAuth.AWS_IAM) {
            try {
                caller = iam.verify(method, rawPath, request.rawQuery(), request.headers()::get, request.body());
            } catch (SigV4Verifier.RefusedException e) {
                LOG.debug("403 for {} {}: {}", method, rawPath, e.getMessage());
                return refused(e, requestId);
            }
        } else if (route.auth() == RouteAuth.COGNITO) {
            try {
                claims = verifier.verify(request.header("Authorization"));
            } catch (TokenVerifier.InvalidTokenException e) {
                LOG.debug("401 for {} {}: {}", method, rawPath, e.getMessage());
                return responses.answer("UNAUTHORIZED", 401, "Unauthorized", requestId);
            }
        }
        BodyValidator validator = validators.get(match.route());
        if (validator != null) {
            String refusal = validator.check(request.body(), request.header("Content-Type"));
            if (refusal != null) {
                LOG.debug("400 for {} {}: {}", method, rawPath, refusal);
                return responses.answer("BAD_REQUEST_BODY", 400, "Invalid request body", requestId);
            }
        }
        byte[] event = JSON.writeValueAsBytes(ProxyEvent.of(request, match, claims, caller, requestId, api.stageName(),
                clock.instant()));
        Invocation invocation = functions.apply(route.functionId()).invoke(event);
        if (!invocation.succeeded()) {
            if (Invocation.THROTTLED.equals(invocation.errorType())) {
                return responses.answer("THROTTLED", 429, "Too Many Requests", requestId);
            }
            LOG.warn("{} failed on {} {}: {}", route.functionId(), method, rawPath, invocation.payloadText());
            return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
        }
        return Answer.fromProxyResponse(invocation.payload(), requestId, responses);
    }

    private Answer missingToken(String requestId) {
        return responses.answer("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", requestId,
                SigV4Verifier.Failure.MISSING.errorType());
    }

    /** API Gateway's answer to an unsigned or badly signed request of an AWS_IAM route. */
    private Answer refused(SigV4Verifier.RefusedException refused, String requestId) {
        if (refused.failure() == SigV4Verifier.Failure.MISSING) {
            return missingToken(requestId);
        }
        return responses.answer("INVALID_SIGNATURE", 403, refused.getMessage(), requestId, refused.failure().errorType());
    }

    /** The answers the stage gives itself, as the template shapes them. */
    GatewayResponses responses() {
        return responses;
    }

    /** Requests refused by the account throttle. */
    long accountThrottled() {
        return throttles.accountThrottled();
    }
}
