package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.auth.SigV4Verifier;
import com.rushgate.local.cli.AdminTargets.Target;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Which API a command talks to and how it calls it, against fake servers on 127.0.0.1: CloudFormation's
 * query API for {@code --stack}, a stack's state directory for the default, and an API that checks
 * the signature the way the local gateway does.
 */
class AdminTargetsIT {

    private static final AwsCredentialsIdentity ENV = AwsCredentialsIdentity.create("AKIAENVIRONMENT00000", "env-secret");

    @TempDir
    Path stateDir;

    private HttpServer server;
    private URI base;
    private final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    private volatile int status = 200;
    private volatile String answer = "";
    private volatile SigV4Verifier verifier;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        lastRequest.put("method", exchange.getRequestMethod());
        lastRequest.put("body", new String(body, StandardCharsets.UTF_8));
        lastRequest.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int code = status;
        String reply = answer;
        if (verifier != null) {
            TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            try {
                verifier.verify(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers::get, body);
            } catch (SigV4Verifier.RefusedException e) {
                code = 403;
                reply = "{\"message\":\"" + e.getMessage() + "\"}";
            }
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private AdminTargets targets() {
        AdminTargets.Aws aws = new AdminTargets.Aws(() -> ENV, () -> "us-west-2", region -> base.resolve("/"));
        return new AdminTargets(stateDir, aws, AdminClient.defaultHttp(), Clock.systemUTC());
    }

    /** A state directory as a running stack leaves it: this process's pid, the fake server as its endpoints. */
    private OperatorKey runningLocalStack() throws IOException {
        Files.writeString(stateDir.resolve("stack.json"), "{\"pid\":" + ProcessHandle.current().pid()
                + ",\"template\":\"template.yaml\",\"region\":\"us-east-1\",\"api\":\"" + base + "\",\"dynamodb\":\"" + base
                + "\",\"sqs\":\"" + base + "\",\"parameters\":{}}");
        return OperatorKey.loadOrCreate(stateDir);
    }

    @Test
    void stack_readsTheApiUrlOutput_withADescribeStacksCallSignedForCloudFormation() {
        answer = CloudFormationStacksTest.DESCRIBE_STACKS;

        Target target = targets().resolve(null, "rushgate", null);

        assertThat(target.api()).isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"));
        assertThat(target.region()).isEqualTo("us-west-2");
        assertThat(lastRequest).containsEntry("method", "POST")
                .containsEntry("body", "Action=DescribeStacks&StackName=rushgate&Version=2010-05-15");
        assertThat(lastRequest.get("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAENVIRONMENT00000/")
                .contains("/us-west-2/cloudformation/aws4_request");
    }

    @Test
    void stack_thatCloudFormationDoesNotKnow_isItsErrorCode_exitCode1() {
        status = 400;
        answer = "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
                + "<Code>ValidationError</Code><Message>Stack with id nope does not exist</Message></Error></ErrorResponse>";

        assertThatThrownBy(() -> targets().resolve(null, "nope", "eu-west-1")).isInstanceOfSatisfying(AdminException.class,
                refused -> {
                    assertThat(refused.line()).isEqualTo(
                            "error: ValidationError: CloudFormation DescribeStacks nope: Stack with id nope does not exist");
                    assertThat(refused.exitCode()).isEqualTo(1);
                });
    }

    @Test
    void aRunningLocalStack_isTheDefault_signedWithItsOperatorKey_butApiAndStackWin() throws IOException {
        OperatorKey key = runningLocalStack();
        answer = CloudFormationStacksTest.DESCRIBE_STACKS;

        Target local = targets().resolve(null, null, null);
        Target stack = targets().resolve(null, "rushgate", null);
        Target api = targets().resolve("https://zz9.execute-api.sa-east-1.amazonaws.com/Prod", "rushgate", null);

        assertThat(local.api()).isEqualTo(base);
        assertThat(local.region()).isEqualTo("us-east-1");
        assertThat(local.credentials().get().accessKeyId()).isEqualTo(key.accessKeyId());
        assertThat(stack.api().getHost()).isEqualTo("abc123.execute-api.eu-west-1.amazonaws.com");
        assertThat(api.region()).isEqualTo("sa-east-1");
    }

    @Test
    void theClient_signsWhatTheGatewayVerifies_andMapsItsAnswersToExitCodes() throws IOException {
        OperatorKey key = runningLocalStack();
        verifier = new SigV4Verifier(key, "us-east-1", Clock.systemUTC());
        AdminTargets targets = targets();
        AdminClient client = targets.client(targets.resolve(null, null, null));

        answer = "{\"events\":[]}";
        JsonNode listed = client.get("/admin/dlq?max=10&eventId=drop%201");
        answer = "{\"event\":{\"eventId\":\"drop-1\"}}";
        JsonNode posted = client.post("/admin/events/drop-1/restock", AdminOptions.body().put("units", 5));
        status = 409;
        answer = "{\"error\":{\"code\":\"NOT_FCFS\",\"message\":\"drop-1 is a raffle\"}}";
        AdminException refused = catchAdmin(() -> client.get("/admin/events/drop-1"));
        status = 503;
        answer = "";
        AdminException failed = catchAdmin(() -> client.get("/admin/events"));

        assertThat(listed.has("events")).isTrue();
        assertThat(posted.at("/event/eventId").asText()).isEqualTo("drop-1");
        assertThat(refused.line()).isEqualTo("error: NOT_FCFS: drop-1 is a raffle");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(failed.exitCode()).isEqualTo(2);
    }

    @Test
    void theClient_ofAnApiNobodyServes_isUnreachable_exitCode2() {
        server.stop(0);
        AdminClient client = new AdminClient(base, "us-east-1", () -> SigV4Signing.credentials(
                new OperatorKey("AKIALOCAL", "s")), AdminClient.defaultHttp(), Clock.systemUTC());

        AdminException unreachable = catchAdmin(() -> client.get("/admin/events"));

        assertThat(unreachable.code()).isEqualTo("UNREACHABLE");
        assertThat(unreachable.exitCode()).isEqualTo(2);
    }

    private static AdminException catchAdmin(Runnable call) {
        try {
            call.run();
        } catch (AdminException e) {
            return e;
        }
        throw new AssertionError("no AdminException");
    }
}
