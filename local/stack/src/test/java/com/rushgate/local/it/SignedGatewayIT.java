package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.stack.StackOptions;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.RouteAuth;
import com.rushgate.local.template.Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS_IAM routes over real HTTP: requests signed by the SDK's signer and sent by the JDK's client
 * (its own Host and Content-Length headers, as the command line sends them) pass the gateway, and
 * the refusals have the shape template.yaml's gateway responses give them.
 */
class SignedGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = StackOptions.DEFAULT_REGION;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static OperatorKey operator;
    private static Gateway gateway;

    /** Answers 200 with what the function was told about the caller and the request. */
    private static final Invoker ECHO = payload -> {
        try {
            JsonNode event = JSON.readTree(payload);
            ObjectNode seen = JSON.createObjectNode();
            seen.set("identity", event.at("/requestContext/identity"));
            seen.set("query", event.get("multiValueQueryStringParameters"));
            seen.set("path", event.get("path"));
            seen.set("body", event.get("body"));
            String response = JSON.createObjectNode().put("statusCode", 200).put("body", seen.toString()).toString();
            return new Invocation(response.getBytes(StandardCharsets.UTF_8), null, false, Duration.ZERO);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    };

    @BeforeAll
    static void start() {
        Path stateDir = TestStacks.tempDir("signed-gateway");
        operator = OperatorKey.loadOrCreate(stateDir);
        Template template = Template.load(TestStacks.template());
        LocalNames names = new LocalNames(template, ParameterValues.of(template, Map.of()), REGION,
                URI.create("http://127.0.0.1:9324"), secret -> "unused");
        StackModel.ApiSpec api = StackModel.resolve(template, names).api().orElseThrow();
        List<ApiRoute> routes = List.of(
                new ApiRoute("Admin", "GET", "/admin/events/{eventId}/winners", RouteAuth.AWS_IAM, null),
                new ApiRoute("Admin", "POST", "/admin/events/{eventId}/restock", RouteAuth.AWS_IAM, null),
                new ApiRoute("Info", "GET", "/events/{eventId}", RouteAuth.NONE, null));
        gateway = new Gateway(api, routes, null, id -> ECHO, null, new SigV4Verifier(operator, REGION, Clock.systemUTC()),
                0, 8, 0, 0);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, OperatorKey key)
            throws Exception {
        URI uri = URI.create(gateway.endpoint() + pathAndQuery);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"));
        if (key != null) {
            headers = new SigV4Signing(REGION, Clock.systemUTC()).sign(method, uri, headers, bytes,
                    SigV4Signing.credentials(key));
        }
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedGet_withSeveralQueryParametersAndAnEncodedPath_reachesTheFunctionAsTheOperator() throws Exception {
        HttpResponse<String> response = send("GET", "/admin/events/drop%201/winners?page=2&all=true&page=3", "", operator);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.at("/identity/accessKey").asText()).isEqualTo(operator.accessKeyId());
        assertThat(seen.at("/identity/userArn").asText()).endsWith(":user/rushgate-local-operator");
        assertThat(seen.at("/path").asText()).isEqualTo("/admin/events/drop 1/winners");
        assertThat(seen.at("/query/page")).hasSize(2);
    }

    @Test
    void aSignedPost_withAJsonBody_reachesTheFunction() throws Exception {
        HttpResponse<String> response = send("POST", "/admin/events/drop-1/restock", "{\"units\":25}", operator);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("body").asText()).isEqualTo("{\"units\":25}");
    }

    @Test
    void anUnsignedRequest_isAMissingToken_likeAnUnknownRoute() throws Exception {
        HttpResponse<String> unsigned = send("POST", "/admin/events/drop-1/restock", "{\"units\":25}", null);
        HttpResponse<String> unknown = send("GET", "/admin/nothing", "", operator);

        for (HttpResponse<String> response : List.of(unsigned, unknown)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("message").asText()).isEqualTo("Missing Authentication Token");
            assertThat(body.at("/error/code").asText()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");
        }
    }

    @Test
    void aRequestSignedWithAnotherSecretOrAnUnknownKey_isRefusedWithAwsMessage() throws Exception {
        HttpResponse<String> wrongSecret = send("GET", "/admin/events/drop-1/winners",  "",
                new OperatorKey(operator.accessKeyId(), "not-the-secret"));
        HttpResponse<String> unknownKey = send("GET", "/admin/events/drop-1/winners", "",
                new OperatorKey("AKIAUNKNOWNKEY000000", "x"));

        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        JsonNode body = JSON.readTree(wrongSecret.body());
        assertThat(body.at("/error/code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(body.get("message").asText()).startsWith("The request signature we calculated does not match");
        assertThat(unknownKey.statusCode()).isEqualTo(403);
        assertThat(unknownKey.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
        assertThat(JSON.readTree(unknownKey.body()).at("/error/message").asText())
                .isEqualTo("The security token included in the request is invalid.");
    }
}
