package com.rushgate.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template resolved for this machine and typed: the tables, queues, functions, routes,
 * triggers and API settings the local stack builds. Every name here comes from the template.
 */
public final class StackModel {

    /** Lambda's default when a function has no reserved concurrency; the local pool's ceiling. */
    public static final int DEFAULT_LOCAL_CONCURRENCY = 16;

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");

    public record TableSpec(String logicalId, String name, Map<String, Object> properties) {
    }

    public record QueueSpec(String logicalId, String name, String url, String arn, Map<String, Object> properties) {
    }

    /**
     * @param bodyModel the schema API Gateway checks the body against (SAM RequestModel with
     *                  ValidateBody), or null when the body is not validated
     */
    public record ApiRoute(String functionId, String method, String pathTemplate, boolean authorized,
                           BodyModel bodyModel) {

        public ApiRoute(String functionId, String method, String pathTemplate, boolean authorized) {
            this(functionId, method, pathTemplate, authorized, null);
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

    /** A Glue table: where its data lies and its columns, in order, with their Hive types. */
    public record GlueTableSpec(String logicalId, String database, String name, String location,
                                String serializationLibrary, Map<String, String> columns,
                                Map<String, String> partitionKeys) {
    }

    /** An Athena named query, its text exactly as the template holds it. */
    public record NamedQuerySpec(String logicalId, String name, String description, String database, String query) {
    }

    private final List<PipeSpec> pipes = new ArrayList<>();
    private final List<DeliveryStreamSpec> deliveryStreams = new ArrayList<>();
    private final List<GlueTableSpec> glueTables = new ArrayList<>();
    private final List<NamedQuerySpec> namedQueries = new ArrayList<>();
    private final List<TableSpec> tables = new ArrayList<>();
    private final List<QueueSpec> queues = new ArrayList<>();
    private final List<FunctionSpec> functions = new ArrayList<>();
    private final List<ApiRoute> routes = new ArrayList<>();
    private final List<SqsTrigger> sqsTriggers = new ArrayList<>();
    private final List<ScheduleTrigger> schedules = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private final Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    private ApiSpec api;
    private WebAclSpec webAcl;

    private StackModel() {
    }

    public static StackModel resolve(Template template, LocalNames names) {
        StackModel model = new StackModel();
        Intrinsics intrinsics = names.intrinsics();
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) intrinsics.resolve(template.properties(id));
            model.tables.add(new TableSpec(id, names.tableName(id), properties));
        }
        for (String id : template.resourcesOfType("AWS::SQS::Queue")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) intrinsics.resolve(template.properties(id));
            model.queues.add(new QueueSpec(id, names.queueName(id), names.queueUrl(id), names.queueArn(id), properties));
        }
        model.secrets.addAll(template.resourcesOfType("AWS::SecretsManager::Secret"));
        List<String> apis = template.resourcesOfType("AWS::Serverless::Api");
        if (apis.size() > 1) {
            throw new IllegalArgumentException("the local stack serves one AWS::Serverless::Api; the template has " + apis);
        }
        if (!apis.isEmpty()) {
            model.api = api(template, names, apis.get(0));
            model.models.putAll(models(template, names, apis.get(0)));
            model.webAcl = WebAclSpec.forApi(template, intrinsics, apis.get(0)).orElse(null);
        }
        for (String id : template.resourcesOfType("AWS::Serverless::Function")) {
            model.addFunction(template, names, id);
        }
        for (String id : template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream")) {
            model.addDeliveryStream(names, id, resolved(names, template, id));
        }
        for (String id : template.resourcesOfType("AWS::Pipes::Pipe")) {
            model.addPipe(template, names, id, resolved(names, template, id));
        }
        for (String id : template.resourcesOfType("AWS::Glue::Table")) {
            model.addGlueTable(id, resolved(names, template, id));
        }
        for (String id : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            Map<String, Object> p = resolved(names, template, id);
            model.namedQueries.add(new NamedQuerySpec(id, text(p.get("Name"), id), text(p.get("Description"), ""),
                    text(p.get("Database"), null), text(p.get("QueryString"), "")));
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolved(LocalNames names, Template template, String id) {
        return (Map<String, Object>) names.intrinsics().resolve(template.properties(id));
    }

    private void addDeliveryStream(LocalNames names, String id, Map<String, Object> p) {
        Map<String, Object> s3 = Template.map(p.get("ExtendedS3DestinationConfiguration"));
        if (s3.isEmpty()) {
            s3 = Template.map(p.get("S3DestinationConfiguration"));
        }
        if (s3.isEmpty()) {
            return; // other destinations are not emulated
        }
        String bucketArn = text(s3.get("BucketARN"), "");
        String bucket = bucketArn.startsWith("arn:aws:s3:::") ? bucketArn.substring("arn:aws:s3:::".length()) : bucketArn;
        Map<String, Object> hints = Template.map(s3.get("BufferingHints"));
        List<Map.Entry<String, Map<String, String>>> processors = new ArrayList<>();
        Map<String, Object> processing = Template.map(s3.get("ProcessingConfiguration"));
        if ("true".equals(String.valueOf(processing.get("Enabled")))) {
            for (Object item : list(processing.get("Processors"))) {
                Map<String, Object> processor = Template.map(item);
                Map<String, String> parameters = new LinkedHashMap<>();
                for (Object parameter : list(processor.get("Parameters"))) {
                    Map<String, Object> entry = Template.map(parameter);
                    parameters.put(text(entry.get("ParameterName"), ""), text(entry.get("ParameterValue"), ""));
                }
                processors.add(Map.entry(text(processor.get("Type"), ""), Map.copyOf(parameters)));
            }
        }
        deliveryStreams.add(new DeliveryStreamSpec(id, names.intrinsics().resolveToString(Map.of("Ref", id)),
                String.valueOf(names.getAtt(id, "Arn")), bucket, text(s3.get("Prefix"), ""),
                text(s3.get("ErrorOutputPrefix"), ""),
                integer(hints.get("IntervalInSeconds"), 300), integer(hints.get("SizeInMBs"), 5),
                text(s3.get("CompressionFormat"), "UNCOMPRESSED"), text(s3.get("FileExtension"), null),
                List.copyOf(processors), text(s3.get("CustomTimeZone"), "UTC")));
    }

    private void addPipe(Template template, LocalNames names, String id, Map<String, Object> p) {
        String source = text(p.get("Source"), "");
        String table = null;
        for (String candidate : template.resourcesOfType("AWS::DynamoDB::Table")) {
            if (source.equals(String.valueOf(names.getAtt(candidate, "StreamArn")))) {
                table = candidate;
            }
        }
        String target = text(p.get("Target"), "");
        String delivery = deliveryStreams.stream().filter(d -> d.arn().equals(target))
                .map(DeliveryStreamSpec::logicalId).findFirst().orElse(null);
        if (table == null || delivery == null) {
            return; // only DynamoDB stream -> Firehose pipes are emulated
        }
        Map<String, Object> sourceParameters = Template.map(p.get("SourceParameters"));
        Map<String, Object> stream = Template.map(sourceParameters.get("DynamoDBStreamParameters"));
        List<String> patterns = new ArrayList<>();
        for (Object filter : list(Template.map(sourceParameters.get("FilterCriteria")).get("Filters"))) {
            Object pattern = Template.map(filter).get("Pattern");
            if (pattern != null) {
                patterns.add(String.valueOf(pattern));
            }
        }
        String dlqArn = text(Template.map(stream.get("DeadLetterConfig")).get("Arn"), null);
        pipes.add(new PipeSpec(id, names.intrinsics().resolveToString(Map.of("Ref", id)),
                String.valueOf(names.getAtt(id, "Arn")), source, table,
                text(stream.get("StartingPosition"), "TRIM_HORIZON"), integer(stream.get("BatchSize"), 100),
                integer(stream.get("MaximumBatchingWindowInSeconds"), 0), List.copyOf(patterns),
                text(Template.map(p.get("TargetParameters")).get("InputTemplate"), null),
                dlqArn == null ? null : names.queueByArnOrUrl(dlqArn), delivery, target,
                !"STOPPED".equals(text(p.get("DesiredState"), "RUNNING"))));
    }

    private void addGlueTable(String id, Map<String, Object> p) {
        Map<String, Object> input = Template.map(p.get("TableInput"));
        Map<String, Object> storage = Template.map(input.get("StorageDescriptor"));
        glueTables.add(new GlueTableSpec(id, text(p.get("DatabaseName"), null), text(input.get("Name"), id),
                text(storage.get("Location"), null),
                text(Template.map(storage.get("SerdeInfo")).get("SerializationLibrary"), null),
                columns(storage.get("Columns")), columns(input.get("PartitionKeys"))));
    }

    private static Map<String, String> columns(Object value) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object column : list(value)) {
            Map<String, Object> c = Template.map(column);
            columns.put(text(c.get("Name"), ""), text(c.get("Type"), "string"));
        }
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private void addFunction(Template template, LocalNames names, String id) {
        Intrinsics intrinsics = names.intrinsics();
        Map<String, Object> properties = template.properties(id);
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = Template.map(Template.map(properties.get("Environment")).get("Variables"));
        variables.forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (resolved != Intrinsics.NO_VALUE) {
                environment.put(name, intrinsics.resolveToString(resolved));
            }
        });
        String handler = require(id, "Handler", intrinsics.resolve(properties.get("Handler")));
        Path code = template.directory().resolve(require(id, "CodeUri", intrinsics.resolve(properties.get("CodeUri"))))
                .normalize();
        int memory = integer(intrinsics.resolve(properties.get("MemorySize")), 128);
        Duration timeout = Duration.ofSeconds(integer(intrinsics.resolve(properties.get("Timeout")), 3));
        int reserved = integer(intrinsics.resolve(properties.get("ReservedConcurrentExecutions")), 0);

        int sqsConcurrency = 0;
        Map<String, Object> events = Template.map(properties.get("Events"));
        for (Map.Entry<String, Object> entry : events.entrySet()) {
            Map<String, Object> event = Template.map(entry.getValue());
            Map<String, Object> eventProperties = Template.map(intrinsics.resolve(event.get("Properties")));
            switch (String.valueOf(event.get("Type"))) {
                case "Api" -> {
                    String authorizer = String.valueOf(Template.map(eventProperties.get("Auth")).get("Authorizer"));
                    routes.add(new ApiRoute(id, String.valueOf(eventProperties.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(eventProperties.get("Path")), api != null && api.issuer() != null
                            && !"NONE".equals(authorizer), bodyModel(id, Template.map(eventProperties.get("RequestModel")))));
                }
                case "SQS" -> {
                    String queue = names.queueByArnOrUrl(String.valueOf(eventProperties.get("Queue")));
                    int batchSize = integer(eventProperties.get("BatchSize"), 10);
                    int window = integer(eventProperties.get("MaximumBatchingWindowInSeconds"), 0);
                    int maxConcurrency = integer(Template.map(eventProperties.get("ScalingConfig")).get("MaximumConcurrency"),
                            reserved > 0 ? reserved : 5);
                    boolean partial = String.valueOf(eventProperties.get("FunctionResponseTypes"))
                            .contains("ReportBatchItemFailures");
                    sqsTriggers.add(new SqsTrigger(id, entry.getKey(), queue, batchSize, window, maxConcurrency, partial,
                            !"false".equals(String.valueOf(eventProperties.get("Enabled")))));
                    sqsConcurrency += maxConcurrency;
                }
                case "Schedule", "ScheduleV2" -> {
                    String expression = String.valueOf(eventProperties.get(
                            "Schedule".equals(event.get("Type")) ? "Schedule" : "ScheduleExpression"));
                    Object input = eventProperties.get("Input");
                    schedules.add(new ScheduleTrigger(id, entry.getKey(), expression, rate(expression).orElse(null),
                            input == null ? null : String.valueOf(input),
                            !"false".equals(String.valueOf(eventProperties.get("Enabled")))
                                    && !"DISABLED".equals(String.valueOf(eventProperties.get("State")))));
                }
                default -> {
                    // Other event sources are not emulated; README lists what the local stack leaves out.
                }
            }
        }
        int concurrency = reserved > 0 ? reserved : Math.max(DEFAULT_LOCAL_CONCURRENCY, sqsConcurrency);
        functions.add(new FunctionSpec(id, names.functionName(id), handler, code, memory, timeout, concurrency,
                environment));
    }

    /** A route's validated body model; SAM validates the body unless ValidateBody is false. */
    private BodyModel bodyModel(String functionId, Map<String, Object> requestModel) {
        if (requestModel.isEmpty() || "false".equals(String.valueOf(requestModel.get("ValidateBody")))) {
            return null;
        }
        String name = String.valueOf(requestModel.get("Model"));
        Map<String, Object> schema = models.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("function " + functionId + " uses RequestModel " + name
                    + " but the API's Models has " + models.keySet());
        }
        return new BodyModel(name, schema, "true".equals(String.valueOf(requestModel.get("Required"))));
    }

    private static Map<String, Map<String, Object>> models(Template template, LocalNames names, String apiId) {
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        Template.map(names.intrinsics().resolve(template.properties(apiId).get("Models")))
                .forEach((name, schema) -> models.put(name, Template.map(schema)));
        return models;
    }

    private static ApiSpec api(Template template, LocalNames names, String id) {
        Intrinsics intrinsics = names.intrinsics();
        Map<String, Object> properties = template.properties(id);
        String stage = intrinsics.resolveToString(properties.getOrDefault("StageName", "Prod"));
        double rate = 0;
        int burst = 0;
        List<MethodThrottle> methodThrottles = new ArrayList<>();
        Object settings = intrinsics.resolve(properties.get("MethodSettings"));
        if (settings instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> setting = Template.map(item);
                String path = String.valueOf(setting.get("ResourcePath"));
                String method = String.valueOf(setting.get("HttpMethod"));
                if (!setting.containsKey("ThrottlingRateLimit") || !setting.containsKey("ThrottlingBurstLimit")) {
                    continue;
                }
                if ("/*".equals(path) && "*".equals(method)) {
                    rate = number(setting.get("ThrottlingRateLimit"));
                    burst = (int) number(setting.get("ThrottlingBurstLimit"));
                } else {
                    // CloudFormation writes "/" followed by the resource path with its '/' escaped as '~1'.
                    String resourcePath = path.startsWith("/~1") ? path.substring(1).replace("~1", "/") : path;
                    methodThrottles.add(new MethodThrottle(resourcePath, method.toUpperCase(Locale.ROOT),
                            number(setting.get("ThrottlingRateLimit")), (int) number(setting.get("ThrottlingBurstLimit"))));
                }
            }
        }
        Map<String, Object> auth = Template.map(properties.get("Auth"));
        String issuer = null;
        List<String> audiences = new ArrayList<>();
        Object defaultAuthorizer = auth.get("DefaultAuthorizer");
        if (defaultAuthorizer != null && !"NONE".equals(defaultAuthorizer)) {
            Map<String, Object> authorizer = Template.map(Template.map(auth.get("Authorizers")).get(defaultAuthorizer));
            Object poolArn = authorizer.get("UserPoolArn");
            String pool = poolLogicalId(template, poolArn);
            issuer = names.userPoolIssuer(pool);
            for (String client : template.resourcesOfType("AWS::Cognito::UserPoolClient")) {
                Object clientPool = template.properties(client).get("UserPoolId");
                if (Map.of("Ref", pool).equals(clientPool)) {
                    audiences.add(client);
                }
            }
        }
        return new ApiSpec(id, stage, rate, burst, issuer, List.copyOf(audiences), List.copyOf(methodThrottles),
                gatewayResponses(intrinsics, properties.get("GatewayResponses")));
    }

    private static Map<String, GatewayResponseSpec> gatewayResponses(Intrinsics intrinsics, Object raw) {
        Map<String, GatewayResponseSpec> responses = new LinkedHashMap<>();
        Template.map(intrinsics.resolve(raw)).forEach((type, value) -> {
            Map<String, Object> response = Template.map(value);
            Map<String, String> headers = new LinkedHashMap<>();
            Template.map(Template.map(response.get("ResponseParameters")).get("Headers")).forEach((name, header) -> {
                String text = String.valueOf(header);
                // 'value' is a static value; anything else maps a request parameter, which is not emulated.
                if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
                    headers.put(name, text.substring(1, text.length() - 1));
                }
            });
            Object status = response.get("StatusCode");
            Object template = Template.map(response.get("ResponseTemplates")).get("application/json");
            responses.put(type, new GatewayResponseSpec(status == null ? null : (int) number(status), Map.copyOf(headers),
                    template == null ? null : String.valueOf(template)));
        });
        return Map.copyOf(responses);
    }

    private static String poolLogicalId(Template template, Object poolArn) {
        if (poolArn instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts) {
            return String.valueOf(parts.get(0));
        }
        List<String> pools = template.resourcesOfType("AWS::Cognito::UserPool");
        if (pools.size() == 1) {
            return pools.get(0);
        }
        throw new IllegalArgumentException("cannot tell which user pool the authorizer uses: " + poolArn);
    }

    static Optional<Duration> rate(String expression) {
        Matcher matcher = RATE.matcher(expression.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    private static String require(String id, String property, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("function " + id + " has no " + property);
        }
        return String.valueOf(value);
    }

    private static int integer(Object value, int fallback) {
        return value == null ? fallback : (int) number(value);
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value == null ? 0 : Double.parseDouble(String.valueOf(value));
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
