package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.cli.Main;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A local stack with --aws-limits: the functions (and only they) call DynamoDB through the limits, and the demo reports them. */
class AwsLimitsStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void functions_callDynamoDbThroughTheLimits_theStacksOwnClientsDoNot() {
        try (LocalStack stack = LocalStack.start(TestStacks.options(Map.of()).withAwsLimits(new AwsLimits(0.05)))) {
            String eventId = SharedStack.openFcfs(stack, "limits", 5);
            LimitsCounters.Snapshot afterSetup = stack.limitsCounters();

            ApiClient api = new ApiClient(stack);
            ApiClient.Reply reply = api.participate(eventId, "alice");

            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            assertThat(stack.functionEnvironment("IngestFunction").get("AWS_ENDPOINT_URL_DYNAMODB"))
                    .isEqualTo(stack.dynamoDbEndpoint().toString());
            String requestTable = stack.model().functionVariable("REQUEST_TABLE");
            // the event was created by the test through the stack's own (direct) client: nothing counted
            assertThat(afterSetup.writeUnits()).doesNotContainKey(stack.model().functionVariable("EVENT_TABLE"));
            // Ingest's put RECEIVED and update QUEUED, each on the table and on the in-flight index
            assertThat(stack.limitsCounters().writeUnitsOf(List.of(requestTable))).isGreaterThanOrEqualTo(4.0);
            assertThat(stack.limitsCounters().writeUnits()).containsKey(requestTable + "/index/InflightIndex");
        }
    }

    @Test
    void concurrentParticipations_beyondTheAccountsConcurrency_areThrottledBy429_andCounted() throws Exception {
        // scale 0.002: an account of 2 concurrent executions, 2 new environments per function per 10 s
        try (LocalStack stack = LocalStack.start(TestStacks.options(Map.of()).withAwsLimits(new AwsLimits(0.002)))) {
            String eventId = SharedStack.openFcfs(stack, "lambda-limits", 5);
            ApiClient api = new ApiClient(stack);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<ApiClient.Reply>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    String user = "user-" + i;
                    replies.add(clients.submit(() -> api.participate(eventId, user)));
                }
                List<ApiClient.Reply> throttled = new ArrayList<>();
                for (Future<ApiClient.Reply> reply : replies) {
                    ApiClient.Reply answer = reply.get(120, TimeUnit.SECONDS);
                    if (answer.status() == 429) {
                        throttled.add(answer);
                    }
                }
                // two invocations hold the account's two executions through their cold starts; the others are refused
                assertThat(throttled).isNotEmpty().allSatisfy(reply -> assertThat(reply.errorCode()).isEqualTo("TOO_MANY_REQUESTS"));
                assertThat(stack.limitsCounters().lambdaThrottles()).isGreaterThanOrEqualTo(throttled.size());
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void requestsBeyondApiGatewaysAccountThrottle_areRefusedWith429_beforeTheStagesOwnThrottle() throws Exception {
        // scale 0.0002: the account throttle allows 2 requests per second with a burst of 1
        try (LocalStack stack = LocalStack.start(TestStacks.options(Map.of()).withAwsLimits(new AwsLimits(0.0002)))) {
            String eventId = SharedStack.openFcfs(stack, "api-limits", 5);
            ApiClient api = new ApiClient(stack);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<ApiClient.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String user = "api-user-" + i;
                    replies.add(clients.submit(() -> api.participate(eventId, user)));
                }
                int throttled = 0;
                for (Future<ApiClient.Reply> reply : replies) {
                    ApiClient.Reply answer = reply.get(120, TimeUnit.SECONDS);
                    if (answer.status() == 429) {
                        assertThat(answer.errorCode()).isEqualTo("TOO_MANY_REQUESTS");
                        throttled++;
                    }
                }
                assertThat(throttled).isPositive();
                assertThat(stack.limitsCounters().apiThrottles()).isPositive();
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void demo_withAwsLimits_losesNothing_oversellsNothing_andReportsTheCounters() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path state = TestStacks.tempDir("rushgate-limits-demo");

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--aws-limits",
                "--users", "60", "--capacity", "5", "--concurrency", "8", "--json",
                // A conflicted stock transaction sends its message back for a visibility timeout: short ones keep the test short.
                "--parameter", "AnalyticsBufferSeconds=1", "--parameter", "WorkerTimeoutSeconds=5",
                "--parameter", "QueueVisibilityTimeoutSeconds=6",
                "--template", TestStacks.template().toString(), "--state-dir", state.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("AWS limits enforced, scale 0.05");
        String[] lines = out.toString().strip().split("\n");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertThat(summary.get("awsLimits").asBoolean()).isTrue();
        assertThat(summary.get("limitsScale").asDouble()).isEqualTo(0.05);
        assertThat(summary.get("lost").asInt()).isZero();
        assertThat(summary.get("oversold").asInt()).isZero();
        assertThat(summary.get("succeeded").asInt()).isEqualTo(5);
        // the first five arrivals win, under the limits too
        assertThat(summary.get("fairness").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("concurrencyScale").asDouble()).isEqualTo(AwsLimits.DEFAULT_CONCURRENCY_SCALE);
        // Ingest alone writes at least 4 request-table (with the index) and 2 idempotency units per participation
        assertThat(summary.get("writeUnitsPerParticipation").asDouble()).isBetween(6.0, 40.0);
        assertThat(summary.get("throttledRequests").isIntegralNumber()).isTrue();
        assertThat(summary.get("transactionConflicts").isIntegralNumber()).isTrue();
        assertThat(summary.get("lambdaThrottles").isIntegralNumber()).isTrue();
        assertThat(err.toString()).contains("1000 concurrent executions per account", "account throttle 500 requests/s");
        assertThat(summary.get("apiThrottles").isIntegralNumber()).isTrue();
    }
}
