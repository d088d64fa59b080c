package com.rushgate.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The template resolved for this machine and typed: the tables, queues, functions, routes,
 * triggers and API settings the local stack builds. Every name here comes from the template.
 * Each resource type has its reader ({@code TableReader}, {@code FunctionReader},
 * {@code PipeReader}, {@link WebAclSpec}...); this class composes what they read and finds specs
 * by logical id.
 */
public final class StackModel {

    /** Lambda's default when a function has no reserved concurrency; the local pool's ceiling. */
    public static final int DEFAULT_LOCAL_CONCURRENCY = 16;

    public record TableSpec(String logicalId, String name, Map<String, Object> properties) {
    }

    public record QueueSpec(String logicalId, String name, String url, String arn, Map<String, Object> properties) {
    }

    /** Who may call a route: anyone, a holder of a Cognito token, or an IAM principal that signs with SigV4. */
    public enum RouteAuth {
        NONE, COGNITO, AWS_IAM
    }

    /**
     * @param auth      the route's authorizer: its event's {@code Auth.Authorizer} ({@code NONE},
     *                  {@code AWS_IAM}), else the API's default Cognito authorizer when it has one
     * @param bodyModel the schema API Gateway checks the body against (SAM RequestModel with
     *                  ValidateBody), or null when the body is not validated
     */
    public record ApiRoute(String functionId, String method, String pathTemplate, RouteAuth auth,
                           BodyModel bodyModel) {

        public ApiRoute {
            Objects.requireNonNull(auth, "auth");
        }

        /** A route that the Cognito authorizer guards ({@code cognito}) or that is open. */
        public ApiRoute(String functionId, String method, String pathTemplate, boolean cognito, BodyModel bodyModel) {
            this(functionId, method, pathTemplate, cognito ? RouteAuth.COGNITO : RouteAuth.NONE, bodyModel);
        }

        public ApiRoute(String functionId, String method, String pathTemplate, boolean cognito) {
            this(functionId, method, pathTemplate, cognito, null);
        }

        /** Whether the Cognito authorizer guards the route. */
        public boolean authorized() {
            return auth == RouteAuth.COGNITO;
        }
    }

    /**
     * A request model of the API (JSON schema draft 4, as API Gateway reads it).
     *
     * @param required whether a request without a body is refused
     */
    public record BodyModel(String name, Map<String, Object> schema, boolean required) {
    }

    /** A method's own throttle (MethodSettings with a resource path and method), overriding the stage's. */
    public record MethodThrottle(String pathTemplate, String method, double rate, int burst) {
    }

    /**
     * A customised gateway response (SAM GatewayResponses).
     *
     * @param statusCode   null keeps the status API Gateway would give
     * @param headers      static header values (mapping expressions are left out)
     * @param jsonTemplate the application/json body template, or null for API Gateway's default body
     */
    public record GatewayResponseSpec(Integer statusCode, Map<String, String> headers, String jsonTemplate) {
    }

    public record SqsTrigger(String functionId, String eventName, String queueLogicalId, int batchSize,
                             int batchingWindowSeconds, int maximumConcurrency, boolean reportBatchItemFailures,
                             boolean enabled) {
    }

    /**
     * A function's DynamoDB event: Lambda's event source mapping on a table's stream.
     *
     * @param sourceArn              the stream's ARN
     * @param tumblingWindowSeconds  TumblingWindowInSeconds, 0 for none
     * @param maximumRetryAttempts   retries of a failed batch before it is skipped; -1 until its records expire
     */
    public record StreamTrigger(String functionId, String eventName, String sourceArn, String tableLogicalId,
                                String startingPosition, int batchSize, int batchingWindowSeconds,
                                int tumblingWindowSeconds, boolean reportBatchItemFailures,
                                boolean bisectBatchOnFunctionError, int maximumRetryAttempts, boolean enabled) {
    }

    public record ScheduleTrigger(String functionId, String eventName, String expression, Duration rate,
                                  String input, boolean enabled) {
    }

    public record FunctionSpec(String logicalId, String name, String handler, Path code, int memoryMb,
                               Duration timeout, int concurrency, Map<String, String> environment) {
    }

    /**
     * @param throttleRate   steady requests per second of the stage, or 0 for none
     * @param throttleBurst  bucket size of the stage, or 0 for none
     * @param issuer         the token issuer the authorizer accepts, or null without an authorizer
     * @param audiences      the app client ids the authorizer accepts
     */
    public record ApiSpec(String logicalId, String stageName, double throttleRate, int throttleBurst, String issuer,
                          List<String> audiences, List<MethodThrottle> methodThrottles,
                          Map<String, GatewayResponseSpec> gatewayResponses) {

        /** The throttle of this route: its own method setting, or null for the stage's. */
        public MethodThrottle methodThrottle(String pathTemplate, String method) {
            return methodThrottles.stream()
                    .filter(t -> t.pathTemplate().equals(pathTemplate) && t.method().equalsIgnoreCase(method))
                    .findFirst().orElse(null);
        }
    }

    /**
     * An EventBridge pipe from a table's DynamoDB stream to a Firehose delivery stream of the
     * template: the only kind of pipe the local stack runs.
     *
     * @param filterPatterns         the FilterCriteria patterns; a record passes if any matches (none: all pass)
     * @param inputTemplate          TargetParameters.InputTemplate, or null to send the record as it is
     * @param deadLetterQueueId      logical id of the queue of DeadLetterConfig, or null
     * @param running                DesiredState is RUNNING (the default)
     */
    public record PipeSpec(String logicalId, String name, String arn, String sourceArn, String tableLogicalId,
                           String startingPosition, int batchSize, int batchingWindowSeconds,
                           List<String> filterPatterns, String inputTemplate, String deadLetterQueueId,
                           String deliveryStreamId, String targetArn, boolean running) {
    }

    /**
     * A Firehose delivery stream to S3, with what the local stand-in needs to write the same files.
     *
     * @param processors  the enabled processors' types with their parameters (AppendDelimiterToRecord...)
     * @param timeZone    CustomTimeZone, or UTC
     */
    public record DeliveryStreamSpec(String logicalId, String name, String arn, String bucketName, String prefix,
                                     String errorOutputPrefix, int bufferIntervalSeconds, int bufferSizeMb,
                                     String compression, String fileExtension,
                                     List<Map.Entry<String, Map<String, String>>> processors, String timeZone) {
    }

    /** An S3 bucket: its local name (BucketName, or the logical id in lower case), a folder of the local lake. */
    public record BucketSpec(String logicalId, String name) {
    }

    /** A Glue table: where its data lies and its columns, in order, with their Hive types. */
    public record GlueTableSpec(String logicalId, String database, String name, String location,
                                String serializationLibrary, Map<String, String> columns,
                                Map<String, String> partitionKeys) {
    }

    /** An Athena named query, its text exactly as the template holds it. */
    public record NamedQuerySpec(String logicalId, String name, String description, String database, String query) {
    }

    private final List<TableSpec> tables;
    private final List<QueueSpec> queues;
    private final List<String> secrets;
    private final ApiSpec api;
    private final WebAclSpec webAcl;
    private final List<ApiRoute> routes;
    private final List<SqsTrigger> sqsTriggers;
    private final List<StreamTrigger> streamTriggers;
    private final List<ScheduleTrigger> schedules;
    private final List<FunctionSpec> functions;
    private final List<DeliveryStreamSpec> deliveryStreams;
    private final List<BucketSpec> buckets;
    private final List<PipeSpec> pipes;
    private final List<GlueTableSpec> glueTables;
    private final List<NamedQuerySpec> namedQueries;

    private StackModel(Template template, LocalNames names) {
        List<String> apis = template.resourcesOfType(ApiReader.TYPE);
        if (apis.size() > 1) {
            throw new IllegalArgumentException("the local stack serves one " + ApiReader.TYPE + "; the template has "
                    + apis);
        }
        String apiId = apis.isEmpty() ? null : apis.get(0);
        List<FunctionEvent> events = FunctionEvent.all(template, names.intrinsics());
        tables = TableReader.read(template, names);
        queues = QueueReader.read(template, names);
        secrets = List.copyOf(template.resourcesOfType("AWS::SecretsManager::Secret"));
        api = apiId == null ? null : ApiReader.read(template, names, apiId);
        webAcl = apiId == null ? null : WebAclSpec.forApi(template, names.intrinsics(), apiId).orElse(null);
        routes = RouteReader.read(template, names, apiId, api, events);
        sqsTriggers = SqsTriggerReader.read(template, names, events);
        streamTriggers = StreamTriggerReader.read(template, names, events);
        schedules = ScheduleReader.read(events);
        functions = FunctionReader.read(template, names, sqsTriggers);
        deliveryStreams = DeliveryStreamReader.read(template, names);
        buckets = BucketReader.read(template, names);
        pipes = PipeReader.read(template, names, deliveryStreams);
        glueTables = GlueTableReader.read(template, names);
        namedQueries = NamedQueryReader.read(template, names);
    }

    public static StackModel resolve(Template template, LocalNames names) {
        return new StackModel(template, names);
    }

    public List<TableSpec> tables() {
        return tables;
    }

    public List<QueueSpec> queues() {
        return queues;
    }

    public List<FunctionSpec> functions() {
        return functions;
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    public List<SqsTrigger> sqsTriggers() {
        return sqsTriggers;
    }

    /** The functions' DynamoDB stream events. */
    public List<StreamTrigger> streamTriggers() {
        return streamTriggers;
    }

    public List<ScheduleTrigger> schedules() {
        return schedules;
    }

    public List<String> secrets() {
        return secrets;
    }

    public Optional<ApiSpec> api() {
        return Optional.ofNullable(api);
    }

    /** The WAF web ACL associated with the API's stage, if any. */
    public Optional<WebAclSpec> webAcl() {
        return Optional.ofNullable(webAcl);
    }

    /** The pipes the local stack runs: DynamoDB stream to a delivery stream of the template. */
    public List<PipeSpec> pipes() {
        return pipes;
    }

    public List<DeliveryStreamSpec> deliveryStreams() {
        return deliveryStreams;
    }

    public DeliveryStreamSpec deliveryStream(String logicalId) {
        return deliveryStreams.stream().filter(d -> d.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no delivery stream " + logicalId));
    }

    /** The S3 buckets, which the local S3 endpoint serves as folders of the lake. */
    public List<BucketSpec> buckets() {
        return buckets;
    }

    /** Glue tables: not created locally, but their schema and location tell DuckDB how to read the lake. */
    public List<GlueTableSpec> glueTables() {
        return glueTables;
    }

    /** Athena named queries, in template order: the questions the local analytics asks too. */
    public List<NamedQuerySpec> namedQueries() {
        return namedQueries;
    }

    public FunctionSpec function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no function " + logicalId + "; it has "
                        + functions.stream().map(FunctionSpec::logicalId).toList()));
    }

    /** The function whose handler is this class ({@code pkg.Cls}); the code knows its classes, not resource names. */
    public FunctionSpec functionWithHandler(String handlerClass) {
        return functions.stream().filter(f -> f.handler().equals(handlerClass)
                        || f.handler().startsWith(handlerClass + "::")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no function with handler " + handlerClass));
    }

    public QueueSpec queue(String logicalId) {
        return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no queue " + logicalId));
    }

    public TableSpec table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template has no table " + logicalId));
    }

    /**
     * The value of an environment variable as the template gives it to its functions, for the
     * command line's own needs (which table holds events). The first function that has it wins;
     * all functions that have it must agree.
     */
    public String functionVariable(String name) {
        String found = null;
        for (FunctionSpec function : functions) {
            String value = function.environment().get(name);
            if (value != null) {
                if (found != null && !found.equals(value)) {
                    throw new IllegalStateException("functions disagree on " + name + ": " + found + " vs " + value);
                }
                found = value;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no function in the template has the environment variable " + name);
        }
        return found;
    }
}
