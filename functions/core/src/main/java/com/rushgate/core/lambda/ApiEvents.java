package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * API Gateway's proxy events in and out of JSON with the function's own Jackson, in place of the
 * Lambda runtime's event serializer: that one builds a shaded Jackson of its own for the event
 * type at init (about 600 classes) and warms it on the first call, which SnapStart priming cannot
 * reach. The fields are mapped by hand over Jackson's tree model, not by bean introspection: the
 * tree is what the function's body parsing loads anyway, and introspecting the event's beans would
 * load and run about 200 more classes on a cold start. Fields API Gateway adds later are ignored,
 * as the runtime ignores them; a response leaves out what is null.
 */
public final class ApiEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Leaves out null properties, keeps nulls inside maps (an authorizer's claims). */
    private static final ObjectMapper BEANS = new ObjectMapper().setDefaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));

    private ApiEvents() {
    }

    /** @throws IOException if the payload is not JSON or not an object */
    public static APIGatewayProxyRequestEvent read(InputStream input) throws IOException {
        return request(MAPPER.readTree(input));
    }

    /** @throws IOException if the payload is not JSON or not an object */
    public static APIGatewayProxyRequestEvent read(byte[] input) throws IOException {
        return request(MAPPER.readTree(input));
    }

    public static void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        MAPPER.writeValue(output, tree(response));
    }

    /**
     * The event as API Gateway would send it, for priming and tests: written from the beans'
     * properties, whose names are the event's own.
     */
    public static byte[] bytes(APIGatewayProxyRequestEvent event) throws IOException {
        return BEANS.writeValueAsBytes(event);
    }

    /** A response as the function answers it, read back (for priming and tests). */
    public static APIGatewayProxyResponseEvent response(byte[] json) throws IOException {
        JsonNode tree = object(MAPPER.readTree(json));
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent();
        JsonNode status = tree.get("statusCode");
        response.setStatusCode(status == null || status.isNull() ? null : status.asInt());
        response.setHeaders(strings(tree.get("headers")));
        response.setMultiValueHeaders(lists(tree.get("multiValueHeaders")));
        response.setBody(text(tree.get("body")));
        response.setIsBase64Encoded(bool(tree.get("isBase64Encoded")));
        return response;
    }

    private static APIGatewayProxyRequestEvent request(JsonNode json) throws IOException {
        JsonNode tree = object(json);
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setVersion(text(tree.get("version")));
        event.setResource(text(tree.get("resource")));
        event.setPath(text(tree.get("path")));
        event.setHttpMethod(text(tree.get("httpMethod")));
        event.setHeaders(strings(tree.get("headers")));
        event.setMultiValueHeaders(lists(tree.get("multiValueHeaders")));
        event.setQueryStringParameters(strings(tree.get("queryStringParameters")));
        event.setMultiValueQueryStringParameters(lists(tree.get("multiValueQueryStringParameters")));
        event.setPathParameters(strings(tree.get("pathParameters")));
        event.setStageVariables(strings(tree.get("stageVariables")));
        event.setBody(text(tree.get("body")));
        event.setIsBase64Encoded(bool(tree.get("isBase64Encoded")));
        JsonNode context = tree.get("requestContext");
        if (context != null && context.isObject()) {
            event.setRequestContext(context(context));
        }
        return event;
    }

    private static ProxyRequestContext context(JsonNode tree) {
        ProxyRequestContext context = new ProxyRequestContext();
        context.setAccountId(text(tree.get("accountId")));
        context.setStage(text(tree.get("stage")));
        context.setResourceId(text(tree.get("resourceId")));
        context.setRequestId(text(tree.get("requestId")));
        context.setOperationName(text(tree.get("operationName")));
        context.setResourcePath(text(tree.get("resourcePath")));
        context.setHttpMethod(text(tree.get("httpMethod")));
        context.setApiId(text(tree.get("apiId")));
        context.setPath(text(tree.get("path")));
        context.setExtendedRequestId(text(tree.get("extendedRequestId")));
        context.setRequestTime(text(tree.get("requestTime")));
        JsonNode epoch = tree.get("requestTimeEpoch");
        context.setRequestTimeEpoch(epoch == null || epoch.isNull() ? null : epoch.asLong());
        context.setDomainName(text(tree.get("domainName")));
        context.setDomainPrefix(text(tree.get("domainPrefix")));
        context.setProtocol(text(tree.get("protocol")));
        JsonNode authorizer = tree.get("authorizer");
        if (authorizer != null && authorizer.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            authorizer.properties().forEach(field -> values.put(field.getKey(), plain(field.getValue())));
            context.setAuthorizer(values);
        }
        JsonNode identity = tree.get("identity");
        if (identity != null && identity.isObject()) {
            context.setIdentity(identity(identity));
        }
        return context;
    }

    private static RequestIdentity identity(JsonNode tree) {
        RequestIdentity identity = new RequestIdentity();
        identity.setCognitoIdentityPoolId(text(tree.get("cognitoIdentityPoolId")));
        identity.setAccountId(text(tree.get("accountId")));
        identity.setCognitoIdentityId(text(tree.get("cognitoIdentityId")));
        identity.setCaller(text(tree.get("caller")));
        identity.setApiKey(text(tree.get("apiKey")));
        identity.setPrincipalOrgId(text(tree.get("principalOrgId")));
        identity.setSourceIp(text(tree.get("sourceIp")));
        identity.setCognitoAuthenticationType(text(tree.get("cognitoAuthenticationType")));
        identity.setCognitoAuthenticationProvider(text(tree.get("cognitoAuthenticationProvider")));
        identity.setUserArn(text(tree.get("userArn")));
        identity.setUserAgent(text(tree.get("userAgent")));
        identity.setUser(text(tree.get("user")));
        identity.setAccessKey(text(tree.get("accessKey")));
        return identity;
    }

    private static ObjectNode tree(APIGatewayProxyResponseEvent response) {
        ObjectNode tree = MAPPER.createObjectNode();
        if (response.getStatusCode() != null) {
            tree.put("statusCode", response.getStatusCode());
        }
        put(tree, "headers", response.getHeaders());
        putLists(tree, "multiValueHeaders", response.getMultiValueHeaders());
        put(tree, "body", response.getBody());
        if (response.getIsBase64Encoded() != null) {
            tree.put("isBase64Encoded", response.getIsBase64Encoded());
        }
        return tree;
    }

    private static JsonNode object(JsonNode tree) throws IOException {
        if (tree == null || !tree.isObject()) {
            throw new IOException("not an API Gateway proxy event: the payload is not a JSON object");
        }
        return tree;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Boolean bool(JsonNode node) {
        return node == null || node.isNull() ? null : node.asBoolean();
    }

    private static Map<String, String> strings(JsonNode node) {
        return map(node, ApiEvents::text);
    }

    private static Map<String, List<String>> lists(JsonNode node) {
        return map(node, values -> {
            if (values == null || values.isNull()) {
                return null;
            }
            List<String> list = new ArrayList<>();
            values.forEach(value -> list.add(text(value)));
            return list;
        });
    }

    private static <V> Map<String, V> map(JsonNode node, Function<JsonNode, V> value) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, V> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), value.apply(field.getValue()));
        }
        return map;
    }

    /** A JSON value as plain Java: maps, lists, strings, numbers, booleans and null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return map(node, ApiEvents::plain);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static void put(ObjectNode tree, String name, String value) {
        if (value != null) {
            tree.put(name, value);
        }
    }

    private static void put(ObjectNode tree, String name, Map<String, String> values) {
        if (values != null) {
            ObjectNode node = tree.putObject(name);
            values.forEach(node::put);
        }
    }

    private static void putLists(ObjectNode tree, String name, Map<String, List<String>> values) {
        if (values != null) {
            ObjectNode node = tree.putObject(name);
            values.forEach((key, list) -> {
                ArrayNode array = node.putArray(key);
                if (list != null) {
                    list.forEach(array::add);
                }
            });
        }
    }
}
