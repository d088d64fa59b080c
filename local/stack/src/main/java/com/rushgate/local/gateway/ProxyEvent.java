package com.rushgate.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.auth.SigV4Verifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The API Gateway proxy event (REST API, payload 1.0) a function receives for a request, in the
 * JSON Lambda's serializers read into {@code APIGatewayProxyRequestEvent}: the path decoded, the
 * resource and path parameters of the matched route, every header and query value (the single
 * value maps keep the last one), the authorizer's claims or the IAM caller, and a text body.
 */
final class ProxyEvent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    /** The IAM user name the local operator key stands for. */
    static final String OPERATOR_USER = "rushgate-local-operator";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProxyEvent() {
    }

    /**
     * @param claims the verified token's claims, or null for a route without an authorizer
     * @param now    when the gateway received the request
     */
    static ObjectNode of(IncomingRequest request, Routes.Match match, Map<String, String> claims, String requestId,
                         String stage, Instant now) {
        return of(request, match, claims, null, requestId, stage, now);
    }

    /**
     * @param caller the IAM principal of a signed request (an AWS_IAM route), or null
     */
    static ObjectNode of(IncomingRequest request, Routes.Match match, Map<String, String> claims,
                         SigV4Verifier.Caller caller, String requestId, String stage, Instant now) {
        ObjectNode event = JSON.createObjectNode();
        String path = Route.decodePath(request.rawPath());
        String method = request.method().toUpperCase(Locale.ROOT);
        String resource = match.route().route().pathTemplate();
        event.put("resource", resource);
        event.put("path", path);
        event.put("httpMethod", method);
        headers(request, event);
        query(request.rawQuery(), event);
        ObjectNode parameters = JSON.createObjectNode();
        match.pathParameters().forEach(parameters::put);
        event.set("pathParameters", parameters.isEmpty() ? null : parameters);
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT);
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("resourcePath", resource);
        context.put("httpMethod", method);
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("path", path);
        context.put("stage", stage);
        context.put("domainName", request.localAddress());
        context.put("protocol", request.protocol());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.clientIp());
        identity.put("userAgent", request.header("User-Agent"));
        if (caller != null) {
            // As API Gateway fills it for an IAM user's signature; the local operator stands for one.
            String userId = "AIDA" + caller.accessKeyId().substring(Math.min(4, caller.accessKeyId().length()));
            identity.put("accountId", ACCOUNT);
            identity.put("accessKey", caller.accessKeyId());
            identity.put("caller", userId);
            identity.put("user", userId);
            identity.put("userArn", "arn:aws:iam::" + ACCOUNT + ":user/" + OPERATOR_USER);
        }
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

    private static void headers(IncomingRequest request, ObjectNode event) {
        ObjectNode headers = JSON.createObjectNode();
        ObjectNode multiHeaders = JSON.createObjectNode();
        request.headers().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(name);
            values.forEach(all::add);
        });
        event.set("headers", headers.isEmpty() ? null : headers);
        event.set("multiValueHeaders", multiHeaders.isEmpty() ? null : multiHeaders);
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

    /** A query name or value decoded ('+' is a space there); a malformed escape stays as sent. */
    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
