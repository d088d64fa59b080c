package com.rushgate.local.gateway;

import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.WebAclSpec;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The REST API of the template on 127.0.0.1, in API Gateway's order: the web ACL's rate rules,
 * route matching, stage and method throttles, the Cognito authorizer's token check or the SigV4
 * signature of an AWS_IAM route, the body
 * model, and only then the function, with a real API Gateway proxy event. Every answer the gateway
 * gives itself is shaped by the template's GatewayResponses.
 *
 * <p>{@link ApiStage} is what API Gateway does with a request; {@link GatewayServer} is the HTTP
 * server in front of it, which also serves the local stack's own pages ({@link #mount}).
 */
public final class Gateway implements AutoCloseable {

    private final ApiStage stage;
    private final GatewayServer server;
    private final List<ApiRoute> apiRoutes;

    /**
     * @param webAcl    the WAF web ACL in front of the stage, or null for none
     * @param functions what runs each function, by logical id (its pool of environments)
     * @param verifier  null when the API has no authorizer
     */
    public Gateway(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
                   TokenVerifier verifier, int port, int threads) {
        this(api, apiRoutes, webAcl, functions, verifier, null, port, threads, 0, 0);
    }

    /** With the account throttle, for routes of which none is AWS_IAM. */
    public Gateway(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
                   TokenVerifier verifier, int port, int threads, double accountRate, int accountBurst) {
        this(api, apiRoutes, webAcl, functions, verifier, null, port, threads, accountRate, accountBurst);
    }

    /**
     * With API Gateway's account throttle too (the Region's requests per second and burst over
     * every API of the account), checked before the stage's and the method's own throttles.
     *
     * @param iam          what checks the signatures of AWS_IAM routes; null only when there are none
     * @param accountRate  requests per second of the account, or 0 for none
     * @param accountBurst the account's bucket size, or 0 for none
     * @throws IllegalStateException if it cannot listen on the port
     */
    public Gateway(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
                   TokenVerifier verifier, SigV4Verifier iam, int port, int threads, double accountRate, int accountBurst) {
        this.stage = new ApiStage(api, apiRoutes, webAcl, functions, verifier, iam, accountRate, accountBurst,
                System::nanoTime, Clock.systemUTC());
        this.server = new GatewayServer(port, threads, stage::answer, stage.responses());
        this.apiRoutes = List.copyOf(apiRoutes);
    }

    /**
     * Serves {@code prefix} and every path below it with {@code handler}, before the API stage,
     * from now on.
     *
     * @param prefix a path such as {@code /console}: a leading slash, no trailing one, and a first
     *               segment that no API route starts with (nor a route that starts with a variable)
     * @throws IllegalArgumentException if the prefix is malformed or would hide an API route
     */
    public void mount(String prefix, MountedHandler handler) {
        if (!prefix.matches("(/[A-Za-z0-9._-]+)+") || prefix.contains("/..") || prefix.contains("/./")) {
            throw new IllegalArgumentException("a mount prefix is a plain path like /console, not " + prefix);
        }
        String top = firstSegment(prefix);
        apiRoutes.stream().filter(route -> firstSegment(route.pathTemplate()).equals(top)
                        || firstSegment(route.pathTemplate()).startsWith("{"))
                .findFirst().ifPresent(route -> {
                    throw new IllegalArgumentException(prefix + " would hide the API route " + route.method() + " "
                            + route.pathTemplate());
                });
        server.mount(prefix, handler);
    }

    private static String firstSegment(String path) {
        String[] segments = path.split("/", 3);
        return segments.length > 1 ? segments[1] : "";
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Requests refused by the account throttle. */
    public long accountThrottled() {
        return stage.accountThrottled();
    }

    public long requests() {
        return server.requests();
    }

    @Override
    public void close() {
        server.close();
    }
}
