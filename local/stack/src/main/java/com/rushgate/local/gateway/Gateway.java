package com.rushgate.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.MethodThrottle;
import com.rushgate.local.template.WebAclSpec;
import com.rushgate.local.template.WebAclSpec.Block;
import com.rushgate.local.template.WebAclSpec.WafRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of the template on 127.0.0.1, in API Gateway's order: the web ACL's rate rules,
 * route matching, stage and method throttles, the Cognito authorizer's token check, the body
 * model, and only then the function, with a real API Gateway proxy event. Every answer the gateway
 * gives itself is shaped by the template's GatewayResponses.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway's limit on the request line and headers together. */
    static final int MAX_HEADER_BYTES = 10 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Jetty's own header limit; between MAX_HEADER_BYTES and this, the gateway answers 413 itself. */
    private static final int SERVER_HEADER_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final List<Route> routes = new ArrayList<>();
    private final Map<Route, TokenBucket> methodThrottles = new HashMap<>();
    private final Map<Route, BodyValidator> validators = new HashMap<>();
    private final ApiSpec api;
    private final TokenVerifier verifier;
    private final TokenBucket throttle;
    private final WafEmulator waf;
    private final GatewayResponses responses;
    private final Function<String, ? extends Invoker> functions;
    private final AtomicLong requests = new AtomicLong();
    private final TokenBucket accountThrottle;
    private final AtomicLong accountThrottled = new AtomicLong();

    /**
     * @param webAcl    the WAF web ACL in front of the stage, or null for none
     * @param functions what runs each function, by logical id (its pool of environments)
     * @param verifier  null when the API has no authorizer
     */
    public Gateway(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
                   TokenVerifier verifier, int port, int threads) {
        this(api, apiRoutes, webAcl, functions, verifier, port, threads, 0, 0);
    }

    /**
     * With API Gateway's account throttle too (the Region's requests per second and burst over
     * every API of the account), checked before the stage's and the method's own throttles.
     *
     * @param accountRate  requests per second of the account, or 0 for none
     * @param accountBurst the account's bucket size, or 0 for none
     */
    public Gateway(ApiSpec api, List<ApiRoute> apiRoutes, WebAclSpec webAcl, Function<String, ? extends Invoker> functions,
                   TokenVerifier verifier, int port, int threads, double accountRate, int accountBurst) {
        this.accountThrottle = accountRate > 0 && accountBurst > 0
                ? new TokenBucket(accountRate, accountBurst, System.nanoTime()) : null;
        this.api = api;
        this.functions = functions;
        this.verifier = verifier;
        long now = System.nanoTime();
        this.throttle = api.throttleRate() > 0 && api.throttleBurst() > 0
                ? new TokenBucket(api.throttleRate(), api.throttleBurst(), now) : null;
        this.waf = webAcl == null ? null : new WafEmulator(webAcl);
        this.responses = new GatewayResponses(api.gatewayResponses());
        for (ApiRoute apiRoute : apiRoutes) {
            Route route = new Route(apiRoute);
            routes.add(route);
            MethodThrottle own = api.methodThrottle(apiRoute.pathTemplate(), apiRoute.method());
            if (own != null) {
                methodThrottles.put(route, new TokenBucket(own.rate(), own.burst(), now));
            }
            if (apiRoute.bodyModel() != null) {
                validators.put(route, new BodyValidator(apiRoute.bodyModel()));
            }
        }
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
        pool.setName("gateway");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(SERVER_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Paths reach the routes as sent (encoded separators, dot segments): the functions judge them, as behind API Gateway.
        http.setUriCompliance(UriCompliance.UNSAFE);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return serve(request, response, callback);
            }
        });
        server.setErrorHandler(new JsonErrors(responses));
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Requests refused by the account throttle. */
    public long accountThrottled() {
        return accountThrottled.get();
    }

    public long requests() {
        return requests.get();
    }

    private boolean serve(Request request, Response response, Callback callback) {
        requests.incrementAndGet();
        Answer answer;
        try {
            answer = answer(incoming(request));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the gateway failed on {} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            answer = responses.answer("DEFAULT_5XX", 500, "Internal server error", UUID.randomUUID().toString());
        }
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.put("x-amzn-RequestId", answer.requestId());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private static IncomingRequest incoming(Request request) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        return new IncomingRequest(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers, body, Request.getRemoteAddr(request),
                Request.getLocalAddr(request) + ":" + Request.getLocalPort(request),
                request.getConnectionMetaData().getProtocol());
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
            WafRequest wafRequest = new WafRequest(request.clientIp(), method, rawPath, request.rawQuery(),
                    request::header);
            Optional<Block> block = waf.evaluate(wafRequest, System.nanoTime());
            if (block.isPresent()) {
                return blocked(block.get(), requestId);
            }
        }
        Route matched = null;
        Map<String, String> pathParameters = null;
        try {
            for (Route route : routes) {
                Map<String, String> parameters = route.match(rawPath);
                if (parameters != null && route.methodMatches(method)) {
                    matched = route;
                    pathParameters = parameters;
                    break;
                }
            }
        } catch (IllegalArgumentException malformedEscape) {
            return responses.answer("DEFAULT_4XX", 400, "Bad Request", requestId);
        }
        if (matched == null) {
            // API Gateway answers unknown paths and methods as if a token were missing.
            return responses.answer("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", requestId);
        }
        if (accountThrottle != null && !accountThrottle.tryTake(System.nanoTime())) {
            accountThrottled.incrementAndGet();
            return responses.answer("THROTTLED", 429, "Too Many Requests", requestId);
        }
        TokenBucket bucket = methodThrottles.getOrDefault(matched, throttle);
        if (bucket != null && !bucket.tryTake(System.nanoTime())) {
            return responses.answer("THROTTLED", 429, "Too Many Requests", requestId);
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            return responses.answer("REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
        }
        Map<String, String> claims = null;
        if (matched.route().authorized()) {
            try {
                claims = verifier.verify(request.header("Authorization"));
            } catch (TokenVerifier.InvalidTokenException e) {
                LOG.debug("401 for {} {}: {}", method, rawPath, e.getMessage());
                return responses.answer("UNAUTHORIZED", 401, "Unauthorized", requestId);
            }
        }
        BodyValidator validator = validators.get(matched);
        if (validator != null) {
            String refusal = validator.check(body, request.header("Content-Type"));
            if (refusal != null) {
                LOG.debug("400 for {} {}: {}", method, rawPath, refusal);
                return responses.answer("BAD_REQUEST_BODY", 400, "Invalid request body", requestId);
            }
        }
        ObjectNode event = event(request, matched, pathParameters, claims, requestId);
        Invocation invocation = functions.apply(matched.route().functionId()).invoke(JSON.writeValueAsBytes(event));
        if (!invocation.succeeded()) {
            if (Invocation.THROTTLED.equals(invocation.errorType())) {
                return responses.answer("THROTTLED", 429, "Too Many Requests", requestId);
            }
            LOG.warn("{} failed on {} {}: {}", matched.route().functionId(), method, rawPath, invocation.payloadText());
            return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
        }
        return Answer.fromProxyResponse(invocation.payload(), requestId, responses);
    }

    private Answer blocked(Block block, String requestId) {
        if (block.status() == null) {
            return responses.answer("WAF_FILTERED", 403, "Forbidden", requestId);
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        block.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = new byte[0];
        if (block.body() != null) {
            headers.put("Content-Type", List.of(block.contentType()));
            body = block.body().getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(block.status(), headers, body, requestId);
    }

    private ObjectNode event(IncomingRequest request, Route route, Map<String, String> pathParameters,
                             Map<String, String> claims, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        String path = Route.decodePath(request.rawPath());
        String method = request.method().toUpperCase(Locale.ROOT);
        event.put("resource", route.route().pathTemplate());
        event.put("path", path);
        event.put("httpMethod", method);
        ObjectNode headers = JSON.createObjectNode();
        ObjectNode multiHeaders = JSON.createObjectNode();
        request.headers().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(name);
            values.forEach(all::add);
        });
        event.set("headers", headers.isEmpty() ? null : headers);
        event.set("multiValueHeaders", multiHeaders.isEmpty() ? null : multiHeaders);
        query(request.rawQuery(), event);
        ObjectNode parameters = JSON.createObjectNode();
        pathParameters.forEach(parameters::put);
        event.set("pathParameters", parameters.isEmpty() ? null : parameters);
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("resourcePath", route.route().pathTemplate());
        context.put("httpMethod", method);
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("path", path);
        context.put("stage", api.stageName());
        context.put("domainName", request.localAddress());
        context.put("protocol", request.protocol());
        Instant now = Instant.now();
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.clientIp());
        identity.put("userAgent", request.header("User-Agent"));
        if (claims != null) {
            ObjectNode claimsNode = context.putObject("authorizer").putObject("claims");
            claims.forEach(claimsNode::put);
        }
        if (request.body().length == 0) {
            event.putNull("body");
        } else {
            event.put("body", new String(request.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private static void query(String rawQuery, ObjectNode event) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
            return;
        }
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            single.put(name, value);
            (multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
        }
    }

    private static String decodeQuery(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("gateway stop: {}", e.toString());
        }
    }

    /** An HTTP answer. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String requestId) {

        /** Maps an API Gateway proxy response; a malformed one is a 502, as API Gateway answers. */
        static Answer fromProxyResponse(byte[] payload, String requestId, GatewayResponses responses) {
            JsonNode response;
            try {
                response = JSON.readTree(payload);
            } catch (IOException e) {
                return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
            }
            if (response == null || !response.path("statusCode").canConvertToInt()) {
                return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
            }
            java.util.LinkedHashMap<String, List<String>> headers = new java.util.LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), new ArrayList<>(List.of(h.getValue().asText()))));
            response.path("multiValueHeaders").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), values);
            });
            JsonNode bodyNode = response.get("body");
            byte[] body;
            if (bodyNode == null || bodyNode.isNull()) {
                body = new byte[0];
            } else if (response.path("isBase64Encoded").asBoolean(false)) {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } else {
                body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
            }
            return new Answer(response.get("statusCode").asInt(), headers, body, requestId);
        }
    }
}
