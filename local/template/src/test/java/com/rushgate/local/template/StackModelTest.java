package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void requestTableWarmWrites_preWarmsTheTableAndItsIndexes_andZeroLeavesThemAtOnDemandsDefaults() {
        StackModel.TableSpec warm = model(Map.of("RequestTableWarmWrites", "8000")).table("RequestTable");
        StackModel.TableSpec cold = model(Map.of()).table("RequestTable");

        // What the limits proxy reads as the table's warm throughput (Emulators.warmThroughput, in the stack)
        assertThat(Template.map(warm.properties().get("WarmThroughput")).get("WriteUnitsPerSecond").toString())
                .isEqualTo("8000");
        assertThat((List<?>) warm.properties().get("GlobalSecondaryIndexes")).hasSize(2)
                .allSatisfy(index -> assertThat(Template.map(Template.map(index).get("WarmThroughput"))
                        .get("WriteUnitsPerSecond").toString()).isEqualTo("8000"));
        assertThat(cold.properties()).doesNotContainKey("WarmThroughput");
    }

    @Test
    void tallyStreamTrigger_readsTheRequestTablesStreamAsTheTemplateSays() {
        StackModel model = model(Map.of());

        StackModel.StreamTrigger tally = model.streamTriggers().get(0);

        assertThat(model.streamTriggers()).hasSize(1);
        assertThat(tally.functionId()).isEqualTo("TallyFunction");
        assertThat(tally.tableLogicalId()).isEqualTo("RequestTable");
        assertThat(tally.startingPosition()).isEqualTo("TRIM_HORIZON");
        assertThat(tally.batchSize()).isEqualTo(1000);
        assertThat(tally.batchingWindowSeconds()).isEqualTo(1);
        assertThat(tally.tumblingWindowSeconds()).isEqualTo(60);
        assertThat(tally.reportBatchItemFailures()).isTrue();
        assertThat(tally.bisectBatchOnFunctionError()).isTrue();
        assertThat(tally.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(model.function("TallyFunction").environment()).containsKey("COUNTS_TABLE");
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
        assertThat(model.routes()).extracting(r -> r.method() + " " + r.pathTemplate() + " " + r.auth())
                .containsExactlyInAnyOrder("POST /events/{eventId}/participations COGNITO", "GET /requests/{requestId} COGNITO",
                        "GET /events/{eventId} NONE", "GET /events/{eventId}/draw/entries NONE",
                        "GET /events/{eventId}/draw/winners NONE",
                        "POST /admin/events AWS_IAM", "GET /admin/events AWS_IAM", "GET /admin/events/{eventId} AWS_IAM",
                        "PATCH /admin/events/{eventId} AWS_IAM", "DELETE /admin/events/{eventId} AWS_IAM",
                        "POST /admin/events/{eventId}/close AWS_IAM", "POST /admin/events/{eventId}/restock AWS_IAM",
                        "POST /admin/events/{eventId}/draw AWS_IAM", "GET /admin/events/{eventId}/winners AWS_IAM",
                        "GET /admin/dlq AWS_IAM", "POST /admin/redrive AWS_IAM");
        StackModel.ApiSpec api = model.api().orElseThrow();
        assertThat(api.throttleRate()).isEqualTo(5000);
        assertThat(api.throttleBurst()).isEqualTo(10000);
        assertThat(api.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool");
        assertThat(api.audiences()).containsExactly("UserPoolClient");
    }

    @Test
    void api_readsMethodThrottlesModelsAndGatewayResponses() {
        StackModel model = model(Map.of("ParticipationThrottlingRateLimit", "7", "ParticipationThrottlingBurstLimit", "9"));
        StackModel.ApiSpec api = model.api().orElseThrow();

        assertThat(api.methodThrottle("/events/{eventId}/participations", "POST"))
                .isEqualTo(new StackModel.MethodThrottle("/events/{eventId}/participations", "POST", 7, 9));
        assertThat(api.methodThrottle("/requests/{requestId}", "GET")).isNull();
        StackModel.ApiRoute participate = model.routes().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        assertThat(participate.bodyModel().name()).isEqualTo("ParticipationBody");
        assertThat(participate.bodyModel().required()).isFalse();
        assertThat(participate.bodyModel().schema()).containsEntry("additionalProperties", false);
        assertThat(model.routes().stream().filter(r -> r.method().equals("GET")).findFirst().orElseThrow().bodyModel())
                .isNull();
        assertThat(api.gatewayResponses().get("THROTTLED")).satisfies(throttled -> {
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers()).containsEntry("Retry-After", "1");
            assertThat(throttled.jsonTemplate()).contains("TOO_MANY_REQUESTS");
        });
        assertThat(api.gatewayResponses().get("MISSING_AUTHENTICATION_TOKEN").statusCode()).isEqualTo(403);
        assertThat(api.gatewayResponses().get("INVALID_SIGNATURE").jsonTemplate())
                .contains("\"message\":$context.error.messageString", "INVALID_SIGNATURE");
    }

    @Test
    void webAcl_emulatesTheRateRules_andNamesWhatItLeavesOut() {
        WebAclSpec acl = model(Map.of("WafRateLimitPerIp", "123", "WafRateWindowSeconds", "60")).webAcl().orElseThrow();

        assertThat(acl.rateRules()).extracting(WebAclSpec.RateRule::name)
                .containsExactly("RatePerIp", "ParticipationsPerUser");
        WebAclSpec.RateRule perIp = acl.rateRules().get(0);
        assertThat(perIp.limit()).isEqualTo(123);
        assertThat(perIp.windowSeconds()).isEqualTo(60);
        assertThat(perIp.block().status()).isEqualTo(429);
        assertThat(perIp.block().body()).contains("TOO_MANY_REQUESTS");
        WebAclSpec.RateRule perUser = acl.rateRules().get(1);
        assertThat(perUser.key(request("POST", "/prod/events/e1/participations", "Bearer abc"))).isEqualTo("Bearer abc");
        assertThat(perUser.key(request("POST", "/prod/events/e1/%70articipations", "Bearer abc"))).isEqualTo("Bearer abc");
        assertThat(perUser.key(request("GET", "/prod/requests/rq_1", "Bearer abc"))).isNull();
        assertThat(perUser.key(request("POST", "/prod/events/e1/participations", null))).isNull();
        assertThat(acl.notEmulated()).hasSize(2).anySatisfy(reason -> assertThat(reason).startsWith("AwsCommonRules"));
    }

    @Test
    void webAcl_challengeRule_isListedOnlyWhenSwitchedOn() {
        assertThat(model(Map.of()).webAcl().orElseThrow().notEmulated()).noneMatch(r -> r.startsWith("ParticipationChallenge"));
        assertThat(model(Map.of("ParticipationChallenge", "CAPTCHA")).webAcl().orElseThrow().notEmulated())
                .anyMatch(r -> r.startsWith("ParticipationChallenge"));
    }

    private static WebAclSpec.WafRequest request(String method, String path, String authorization) {
        return new WebAclSpec.WafRequest("127.0.0.1", method, path, null,
                name -> name.equalsIgnoreCase("authorization") ? authorization : null);
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
    void analyticsPipe_readsTheRequestStreamIntoTheDeliveryStream_asTheTemplateSays() {
        StackModel model = model(Map.of("AnalyticsBufferSeconds", "5"));

        assertThat(model.pipes()).singleElement().satisfies(pipe -> {
            assertThat(pipe.tableLogicalId()).isEqualTo("RequestTable");
            assertThat(pipe.sourceArn()).startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/RequestTable/stream/");
            assertThat(pipe.deliveryStreamId()).isEqualTo("AnalyticsDeliveryStream");
            assertThat(pipe.deadLetterQueueId()).isEqualTo("AnalyticsPipeDeadLetterQueue");
            assertThat(pipe.startingPosition()).isEqualTo("TRIM_HORIZON");
            assertThat(pipe.batchSize()).isEqualTo(100);
            assertThat(pipe.batchingWindowSeconds()).isEqualTo(5);
            assertThat(pipe.filterPatterns()).singleElement().asString().contains("FAILED_FINAL");
            assertThat(pipe.inputTemplate()).startsWith("{\"requestId\": \"<$.dynamodb.NewImage.requestId.S>\"");
            assertThat(pipe.running()).isTrue();
        });
        StackModel.DeliveryStreamSpec delivery = model.deliveryStream("AnalyticsDeliveryStream");
        assertThat(delivery.name()).isEqualTo("rushgate-local-final-requests");
        assertThat(delivery.bufferIntervalSeconds()).isEqualTo(5);
        assertThat(model.queues()).extracting(StackModel.QueueSpec::logicalId).contains("AnalyticsPipeDeadLetterQueue");
        // The delivery stream's bucket is one of the buckets the local S3 serves: the same folder of the lake.
        assertThat(model.buckets()).extracting(StackModel.BucketSpec::name).contains(delivery.bucketName());
    }

    @Test
    void glueTableAndNamedQueries_areReadForDuckDb_butNothingAwsOnlyIsCreated() {
        StackModel model = model(Map.of());

        assertThat(model.glueTables()).extracting(StackModel.GlueTableSpec::name).containsExactly("final_requests", "raffle_draws");
        assertThat(model.glueTables().get(0)).satisfies(table -> {
            assertThat(table.database()).isEqualTo("rushgate_analytics");
            assertThat(table.location()).isEqualTo("s3://analyticsbucket/records/");
            assertThat(table.partitionKeys()).containsExactly(Map.entry("dt", "string"));
            assertThat(table.columns()).containsEntry("requestId", "string").containsEntry("latencyMs", "bigint")
                    .doesNotContainKey("userId");
        });
        assertThat(model.glueTables().get(1)).satisfies(draws -> {
            assertThat(draws.database()).isEqualTo("rushgate_analytics");
            assertThat(draws.location()).isEqualTo("s3://analyticsbucket/draw-results/");
            assertThat(draws.partitionKeys()).isEmpty();
            assertThat(draws.columns()).containsEntry("eventId", "string").containsEntry("entries", "bigint")
                    .containsEntry("drawnAt", "string");
        });
        assertThat(model.namedQueries()).extracting(StackModel.NamedQuerySpec::name)
                .contains("latency_by_event", "outcomes", "dlq_rate", "sell_out", "raffle_draws");
        assertThat(model.tables()).extracting(StackModel.TableSpec::logicalId)
                .containsExactlyInAnyOrder("RequestTable", "EventTable", "CountsTable");
    }

    @Test
    void functions_areFoundByLogicalIdOrHandlerClass_andUnknownOnesAreNamed() {
        StackModel model = model(Map.of());

        assertThat(model.functionWithHandler("com.rushgate.worker.WorkerHandler").logicalId()).isEqualTo("WorkerFunction");
        assertThatThrownBy(() -> model.function("NoSuchFunction"))
                .hasMessageStartingWith("template has no function NoSuchFunction; it has [")
                .hasMessageContaining("IngestFunction");
        assertThatThrownBy(() -> model.functionWithHandler("com.rushgate.Nothing"))
                .hasMessageContaining("com.rushgate.Nothing");
    }

    @Test
    void functionVariable_isTheValueTheFunctionsShare() {
        StackModel model = model(Map.of());

        assertThat(model.functionVariable("REQUEST_TABLE")).isEqualTo("RequestTable");
        assertThatThrownBy(() -> model.functionVariable("POWERTOOLS_SERVICE_NAME")).hasMessageContaining("disagree");
        assertThatThrownBy(() -> model.functionVariable("NO_SUCH_VARIABLE")).hasMessageContaining("NO_SUCH_VARIABLE");
    }

    @Test
    void aSecondApi_isRefused(@TempDir Path dir) {
        TemplateFixture fixture = TemplateFixture.of(dir, """
                Resources:
                  One:
                    Type: AWS::Serverless::Api
                  Two:
                    Type: AWS::Serverless::Api
                """);

        assertThatThrownBy(() -> StackModel.resolve(fixture.template(), fixture.names()))
                .hasMessage("the local stack serves one AWS::Serverless::Api; the template has [One, Two]");
    }
}
