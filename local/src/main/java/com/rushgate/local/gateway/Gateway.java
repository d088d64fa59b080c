package com.rushgate.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of the template on 127.0.0.1: matches the routes, throttles like the stage, checks
 * tokens like the Cognito authorizer (401 before any function runs), builds a real API Gateway
 * proxy event, invokes the function, and maps its answer back to HTTP.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new ArrayList<>();
    private final ApiSpec api;
    private final TokenVerifier verifier;
    private final TokenBucket throttle;
    private final Function<String, FunctionPool> functions;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param functions the pool of each function, by logical id
     * @param verifier  null when the API has no authorizer
     */
    public Gateway(ApiSpec api, List<com.rushgate.local.template.StackModel.ApiRoute> apiRoutes,
                   Function<String, FunctionPool> functions, TokenVerifier verifier, int port, int threads) {
        this.api = api;
        this.functions = functions;
        this.verifier = verifier;
        this.throttle = api.throttleRate() > 0 && api.throttleBurst() > 0
                ? new TokenBucket(api.throttleRate(), api.throttleBurst(), System.nanoTime()) : null;
        apiRoutes.forEach(route -> routes.add(new Route(route)));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Answer answer = answer(exchange);
            Headers headers = exchange.getResponseHeaders();
            answer.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
            headers.set("x-amzn-RequestId", answer.requestId());
            byte[] body = answer.body();
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("request failed before an answer could be sent: {}", e.toString());
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
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
            return Answer.message(400, "Bad Request", requestId);
        }
        if (matched == null) {
            // API Gateway answers unknown paths and methods with 403 Missing Authentication Token.
            return Answer.message(403, "Missing Authentication Token", requestId);
        }
        if (throttle != null && !throttle.tryTake(System.nanoTime())) {
            return Answer.message(429, "Too Many Requests", requestId);
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.message(413, "Request Too Long", requestId);
        }
        Map<String, String> claims = null;
        if (matched.route().authorized()) {
            try {
                claims = verifier.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (TokenVerifier.InvalidTokenException e) {
                LOG.debug("401 for {} {}: {}", method, rawPath, e.getMessage());
                return Answer.message(401, "Unauthorized", requestId);
            }
        }
        ObjectNode event = event(exchange, matched, pathParameters, claims, body, requestId);
        Invocation invocation = functions.apply(matched.route().functionId()).invoke(JSON.writeValueAsBytes(event));
        if (!invocation.succeeded()) {
            if (Invocation.THROTTLED.equals(invocation.errorType())) {
                return Answer.message(429, "Too Many Requests", requestId);
            }
            LOG.warn("{} failed on {} {}: {}", matched.route().functionId(), method, rawPath, invocation.payloadText());
            return Answer.message(502, "Internal server error", requestId);
        }
        return Answer.fromProxyResponse(invocation.payload(), requestId);
    }

    private ObjectNode event(HttpExchange exchange, Route route, Map<String, String> pathParameters,
                             Map<String, String> claims, byte[] body, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        String path = exchange.getRequestURI().getPath();
        event.put("resource", route.route().pathTemplate());
        event.put("path", path);
        event.put("httpMethod", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        ObjectNode headers = JSON.createObjectNode();
        ObjectNode multiHeaders = JSON.createObjectNode();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(name);
            values.forEach(all::add);
        });
        event.set("headers", headers.isEmpty() ? null : headers);
        event.set("multiValueHeaders", multiHeaders.isEmpty() ? null : multiHeaders);
        query(exchange.getRequestURI().getRawQuery(), event);
        ObjectNode parameters = JSON.createObjectNode();
        pathParameters.forEach(parameters::put);
        event.set("pathParameters", parameters.isEmpty() ? null : parameters);
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("resourcePath", route.route().pathTemplate());
        context.put("httpMethod", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("path", path);
        context.put("stage", api.stageName());
        context.put("domainName", exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
        context.put("protocol", exchange.getProtocol());
        Instant now = Instant.now();
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (claims != null) {
            ObjectNode claimsNode = context.putObject("authorizer").putObject("claims");
            claims.forEach(claimsNode::put);
        }
        if (body.length == 0) {
            event.putNull("body");
        } else {
            event.put("body", new String(body, StandardCharsets.UTF_8));
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

    /** The body, or null when it is over API Gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP answer. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String requestId) {

        static Answer message(int status, String message, String requestId) {
            ObjectNode body = JSON.createObjectNode().put("message", message);
            return new Answer(status, Map.of("Content-Type", List.of("application/json")),
                    body.toString().getBytes(StandardCharsets.UTF_8), requestId);
        }

        /** Maps an API Gateway proxy response; a malformed one is a 502, as API Gateway answers. */
        static Answer fromProxyResponse(byte[] payload, String requestId) {
            JsonNode response;
            try {
                response = JSON.readTree(payload);
            } catch (IOException e) {
                return message(502, "Internal server error", requestId);
            }
            if (response == null || !response.path("statusCode").canConvertToInt()) {
                return message(502, "Internal server error", requestId);
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
