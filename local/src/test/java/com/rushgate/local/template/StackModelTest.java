package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's own template, resolved the way the local stack resolves it. */
class StackModelTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("rushgate.root", "..")).resolve("template.yaml");

    private static StackModel model(Map<String, String> overrides) {
        Template template = Template.load(TEMPLATE);
        LocalNames names = new LocalNames(template, ParameterValues.of(template, overrides), "us-east-1",
                URI.create("http://127.0.0.1:9324"), secret -> "s3cr3t-" + secret);
        return StackModel.resolve(template, names);
    }

    @Test
    void functions_comeWithHandlerCodeAndResolvedEnvironment() {
        StackModel model = model(Map.of());

        StackModel.FunctionSpec ingest = model.function("IngestFunction");
        assertThat(ingest.handler()).isEqualTo("com.rushgate.ingest.IngestHandler::handleRequest");
        assertThat(ingest.code().toString()).endsWith("functions/ingest/target/ingest.jar");
        assertThat(ingest.memoryMb()).isEqualTo(1024);
        assertThat(ingest.environment())
                .containsEntry("REQUEST_TABLE", "RequestTable")
                .containsEntry("QUEUE_URL", "http://127.0.0.1:9324/000000000000/WorkQueue")
                .containsEntry("USER_KEY_SECRET", "s3cr3t-UserKeySecret")
                .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "Rushgate")
                .containsEntry("EVENT_CACHE_SECONDS", "5");
        assertThat(model.function("WorkerFunction").timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void sqsTrigger_andApi_followTheTemplate() {
        StackModel model = model(Map.of());

        assertThat(model.sqsTriggers()).singleElement().satisfies(trigger -> {
            assertThat(trigger.functionId()).isEqualTo("WorkerFunction");
            assertThat(trigger.queueLogicalId()).isEqualTo("WorkQueue");
            assertThat(trigger.batchSize()).isEqualTo(10);
            assertThat(trigger.maximumConcurrency()).isEqualTo(10);
            assertThat(trigger.reportBatchItemFailures()).isTrue();
        });
        assertThat(model.routes()).extracting(r -> r.method() + " " + r.pathTemplate())
                .containsExactlyInAnyOrder("POST /events/{eventId}/participations", "GET /requests/{requestId}");
        StackModel.ApiSpec api = model.api().orElseThrow();
        assertThat(api.throttleRate()).isEqualTo(5000);
        assertThat(api.throttleBurst()).isEqualTo(10000);
        assertThat(api.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool");
        assertThat(api.audiences()).containsExactly("UserPoolClient");
    }

    @Test
    void queues_carryTheirRedrivePolicy() {
        StackModel.QueueSpec queue = model(Map.of("MaxReceiveCount", "3")).queue("WorkQueue");

        assertThat(queue.properties().get("RedrivePolicy")).isEqualTo(Map.of(
                "deadLetterTargetArn", "arn:aws:sqs:us-east-1:000000000000:DeadLetterQueue", "maxReceiveCount", "3"));
    }

    @Test
    void parameterOverrides_areCheckedLikeCloudFormation() {
        assertThat(model(Map.of("WorkerBatchSize", "25")).sqsTriggers().get(0).batchSize()).isEqualTo(25);
        assertThatThrownBy(() -> model(Map.of("NoSuchParameter", "1"))).hasMessageContaining("NoSuchParameter");
        assertThatThrownBy(() -> model(Map.of("LogLevel", "LOUD"))).hasMessageContaining("one of");
        assertThatThrownBy(() -> model(Map.of("WorkerMaxConcurrency", "1"))).hasMessageContaining("at least 2");
    }

    @Test
    void rateExpressions_areRead() {
        assertThat(StackModel.rate("rate(1 minute)")).hasValue(Duration.ofMinutes(1));
        assertThat(StackModel.rate("rate(5 minutes)")).hasValue(Duration.ofMinutes(5));
        assertThat(StackModel.rate("cron(0 12 * * ? *)")).isEmpty();
    }
}
