package com.rushgate.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.emulator.DynamoDbLocal;
import com.rushgate.local.emulator.ElasticMq;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.lambda.FunctionLogs;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.pipes.LocalDeliveryStream;
import com.rushgate.local.pipes.ShardCheckpoints;
import com.rushgate.local.pipes.StreamPipe;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.FunctionSpec;
import com.rushgate.local.template.Template;
import com.rushgate.local.triggers.Scheduler;
import com.rushgate.local.triggers.SqsPoller;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, built from template.yaml: DynamoDB Local and ElasticMQ on
 * loopback ports, every table and queue the template declares, a pool of execution environments
 * per function, the API on a local gateway, one poller per SQS trigger, and the schedules.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String STATE_FILE = "stack.json";
    /** How long an API call waits for a free execution environment before a 429. */
    private static final Duration ENVIRONMENT_WAIT = Duration.ofSeconds(10);
    private static final int GATEWAY_THREADS = 256;
    /** Environments of one function initialising at once: more only fight over the cores. */
    private static final int PARALLEL_STARTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** How often an idle pipe asks each shard for new records. */
    private static final Duration PIPE_POLL_INTERVAL = Duration.ofMillis(500);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final StackOptions options;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Map<String, FunctionPool> functions = new LinkedHashMap<>();
    private final java.util.List<SqsPoller> pollers = new java.util.ArrayList<>();
    private final java.util.List<StreamPipe> streamPipes = new java.util.ArrayList<>();
    private Path lake;
    private URI dynamoDbEndpoint;
    private URI sqsEndpoint;
    private LocalClients clients;
    private LocalNames names;
    private StackModel model;
    private Gateway gateway;
    private LocalIssuer issuer;
    private DynamoDbLimitsProxy limitsProxy;
    private LambdaQuotas lambdaQuotas;
    private LocalClients functionClients;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.boot(null);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * The functions of a stack that another process runs: no emulators, no provisioning, no
     * gateway or triggers; each function's environment points at the running stack's endpoints.
     * This is what {@code rushgate invoke} uses.
     */
    public static LocalStack attach(StackOptions options, StackState running) {
        LocalStack stack = new LocalStack(options.withTriggers(false).withPublishedState(false));
        try {
            stack.boot(running);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(StackState running) {
        long started = System.nanoTime();
        if (System.getenv("AWS_EMF_ENVIRONMENT") == null) {
            LOG.warn("AWS_EMF_ENVIRONMENT is not set; set it to Local (./rushgate does) or metrics look for a CloudWatch agent");
        }
        System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
        Template template = Template.load(options.template());
        Map<String, String> parameters = ParameterValues.of(template, options.parameterOverrides());

        URI dynamoDbLocalEndpoint;
        if (running == null) {
            // With the limits, the proxy takes DynamoDB's port (what tools are pointed at) and DynamoDB Local hides behind it.
            DynamoDbLocal dynamoDbLocal = track(DynamoDbLocal.start(
                    options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"),
                    options.awsLimits().isPresent() ? 0 : options.dynamoDbPort()));
            ElasticMq elasticMq = track(ElasticMq.start(options.sqsPort(), options.region(), LocalNames.ACCOUNT_ID));
            dynamoDbLocalEndpoint = dynamoDbLocal.endpoint();
            dynamoDbEndpoint = dynamoDbLocalEndpoint;
            sqsEndpoint = elasticMq.endpoint();
        } else {
            dynamoDbLocalEndpoint = running.dynamoDb();
            dynamoDbEndpoint = running.dynamoDb();
            sqsEndpoint = running.sqs();
        }
        // The stack's own clients (provisioning, pipes, the commands' reads) are machinery, not the
        // system under test: they talk to DynamoDB Local directly, never throttled.
        clients = track(new LocalClients(options.region(), dynamoDbLocalEndpoint, sqsEndpoint));
        LocalSecrets secrets = new LocalSecrets(options.dataDir() != null ? options.dataDir() : options.stateDir());
        names = new LocalNames(template, parameters, options.region(), sqsEndpoint, secrets::value);
        if (running == null && options.awsLimits().isPresent()) {
            limitsProxy = track(DynamoDbLimitsProxy.start(options.awsLimits().get(), dynamoDbLocalEndpoint,
                    warmThroughput(template), options.region(), LocalNames.ACCOUNT_ID, options.dynamoDbPort()));
            dynamoDbEndpoint = limitsProxy.endpoint();
        }
        functionClients = dynamoDbEndpoint.equals(dynamoDbLocalEndpoint) ? clients
                : track(new LocalClients(options.region(), dynamoDbEndpoint, sqsEndpoint));

        Provisioner provisioner = new Provisioner(clients.dynamoDb(), clients.sqs());
        if (running == null) {
            provisioner.provision(StackModel.resolve(template, names), names);
        } else {
            provisioner.learnStreams(StackModel.resolve(template, names), names);
        }
        // Resolved again now that stream ARNs are known.
        model = StackModel.resolve(template, names);

        FunctionLogs logs = track(new FunctionLogs(options.functionLogs()));
        lambdaQuotas = options.awsLimits().map(limits -> new LambdaQuotas(limits, reservedConcurrency(template),
                System::nanoTime)).orElse(null);
        for (FunctionSpec function : model.functions()) {
            functions.put(function.logicalId(), track(new FunctionPool(function,
                    (String) names.getAtt(function.logicalId(), "Arn"), environment(function), logs, ENVIRONMENT_WAIT, PARALLEL_STARTS,
                    options.faultInjection() ? List.of(Faults.interceptorClassPath()) : List.of(),
                    lambdaQuotas == null ? null : lambdaQuotas.function(function.logicalId()))));
        }
        model.api().ifPresent(api -> {
            TokenVerifier verifier = null;
            if (api.issuer() != null) {
                RSAKey key = LocalIssuer.loadOrCreateKey(options.stateDir());
                issuer = new LocalIssuer(key, api.issuer(), api.audiences(), Clock.systemUTC());
                verifier = new TokenVerifier(key.toPublicJWK(), api.issuer(), api.audiences(), Clock.systemUTC());
            }
            gateway = track(new Gateway(api, model.routes(), model.webAcl().orElse(null), this::function, verifier,
                    options.apiPort(), GATEWAY_THREADS, options.awsLimits().map(AwsLimits::apiAccountRate).orElse(0.0),
                    options.awsLimits().map(AwsLimits::apiAccountBurst).orElse(0)));
        });
        if (options.runTriggers()) {
            for (StackModel.SqsTrigger trigger : model.sqsTriggers()) {
                if (trigger.enabled()) {
                    pollers.add(track(new SqsPoller(trigger, model.queue(trigger.queueLogicalId()),
                            function(trigger.functionId()), clients.sqs(), options.region(), lambdaQuotas)));
                }
            }
            for (StackModel.ScheduleTrigger schedule : model.schedules()) {
                track(new Scheduler(schedule, function(schedule.functionId()), options.region(),
                        "arn:aws:events:" + options.region() + ":" + LocalNames.ACCOUNT_ID + ":rule/"
                                + schedule.functionId() + "-" + schedule.eventName()));
            }
            if (!model.pipes().isEmpty()) {
                lake = lakeDirectory();
                for (StackModel.PipeSpec pipe : model.pipes()) {
                    if (pipe.running()) {
                        streamPipes.add(track(openPipe(pipe)));
                    }
                }
            }
        }
        if (options.publishState()) {
            publishState();
        }
        if (running == null) {
            LOG.info("local stack up in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /**
     * Per table name, the template's WarmThroughput {write, read units per second}; tables without
     * one are on-demand tables at AWS's defaults.
     */
    private Map<String, double[]> warmThroughput(Template template) {
        Map<String, double[]> warm = new LinkedHashMap<>();
        for (StackModel.TableSpec table : StackModel.resolve(template, names).tables()) {
            if (table.properties().get("WarmThroughput") instanceof Map<?, ?> spec) {
                warm.put(table.name(), new double[] {
                        number(spec.get("WriteUnitsPerSecond"), AwsLimits.ON_DEMAND_WARM_WRITE_UNITS),
                        number(spec.get("ReadUnitsPerSecond"), AwsLimits.ON_DEMAND_WARM_READ_UNITS)});
            }
        }
        return warm;
    }

    /** The functions whose template sets ReservedConcurrentExecutions, with their (local) concurrency. */
    private Map<String, Integer> reservedConcurrency(Template template) {
        Map<String, Integer> reserved = new LinkedHashMap<>();
        for (FunctionSpec function : model.functions()) {
            // Globals included, as SAM merges them.
            if (template.properties(function.logicalId()).containsKey("ReservedConcurrentExecutions")) {
                reserved.put(function.logicalId(), function.concurrency());
            }
        }
        return reserved;
    }

    private static double number(Object value, double otherwise) {
        return value == null ? otherwise : Double.parseDouble(value.toString());
    }

    /** The environment the stack gives {@code logicalId}'s execution environments. */
    public Map<String, String> functionEnvironment(String logicalId) {
        return Map.copyOf(environment(model.function(logicalId)));
    }

    /** What Lambda puts in every function's environment, plus the template's variables and the endpoint overrides. */
    private Map<String, String> environment(FunctionSpec function) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_REGION", options.region());
        environment.put("AWS_DEFAULT_REGION", options.region());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        return environment;
    }

    /**
     * The local data lake: beside the tables with --data (their streams survive a restart, and so
     * do the pipes' checkpoints), else a new folder per run in the state directory.
     */
    private Path lakeDirectory() {
        if (options.dataDir() != null) {
            return options.dataDir().resolve("lake");
        }
        String run = RUN_ID.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        return options.stateDir().resolve("lake").resolve(run);
    }

    /**
     * Starts an instance of a pipe of the template on this stack's lake and checkpoints. The stack
     * starts one per pipe itself; tests start another to restart a pipe after {@link StreamPipe#halt()}.
     * The caller closes what this returns.
     */
    public StreamPipe openPipe(StackModel.PipeSpec pipe) {
        if (lake == null) {
            throw new IllegalStateException("this stack runs no pipes");
        }
        LocalDeliveryStream delivery = new LocalDeliveryStream(model.deliveryStream(pipe.deliveryStreamId()), lake,
                Clock.systemUTC());
        String deadLetterQueue = pipe.deadLetterQueueId() == null ? null : model.queue(pipe.deadLetterQueueId()).url();
        return new StreamPipe(pipe, delivery, clients.streams(), clients.sqs(), deadLetterQueue,
                new ShardCheckpoints(lake.resolve("checkpoints").resolve(pipe.logicalId()), pipe.sourceArn()),
                Clock.systemUTC(), PIPE_POLL_INTERVAL);
    }

    private void publishState() {
        ObjectNode state = JSON.createObjectNode();
        state.put("pid", ProcessHandle.current().pid());
        state.put("template", options.template().toAbsolutePath().toString());
        state.put("region", options.region());
        state.put("api", apiEndpoint().map(URI::toString).orElse(null));
        state.put("dynamodb", dynamoDbEndpoint.toString());
        state.put("sqs", sqsEndpoint.toString());
        state.put("dataDir", options.dataDir() == null ? null : options.dataDir().toAbsolutePath().toString());
        state.put("lake", lake == null ? null : lake.toAbsolutePath().toString());
        state.putPOJO("parameters", options.parameterOverrides());
        Path file = options.stateDir().resolve(STATE_FILE);
        try {
            Files.createDirectories(options.stateDir());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        resources.push(() -> Files.deleteIfExists(file));
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    public FunctionPool function(String logicalId) {
        FunctionPool pool = functions.get(logicalId);
        if (pool == null) {
            throw new IllegalArgumentException("template has no function " + logicalId + "; it has " + functions.keySet());
        }
        return pool;
    }

    public Invocation invoke(String logicalId, String event) {
        return function(logicalId).invoke(event);
    }

    public Optional<URI> apiEndpoint() {
        return Optional.ofNullable(gateway).map(Gateway::endpoint);
    }

    /** DynamoDB as the functions and tools see it: the limits proxy with --aws-limits, else DynamoDB Local. */
    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The AWS limits this stack enforces, if any. */
    public Optional<AwsLimits> awsLimits() {
        return options.awsLimits();
    }

    /** What the limits counted so far; all zero without limits. */
    public LimitsCounters.Snapshot limitsCounters() {
        return limitsProxy == null ? LimitsCounters.Snapshot.NONE
                : limitsProxy.counters().withLambdaThrottles(lambdaQuotas == null ? 0 : lambdaQuotas.throttles())
                        .withApiThrottles(gateway == null ? 0 : gateway.accountThrottled());
    }

    /** The Lambda quotas the functions and the SQS triggers meet, with --aws-limits. */
    public Optional<LambdaQuotas> lambdaQuotas() {
        return Optional.ofNullable(lambdaQuotas);
    }

    /** Clients that call DynamoDB as the functions do (through the limits, when they are on). */
    public LocalClients functionClients() {
        return functionClients;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public LocalClients clients() {
        return clients;
    }

    public StackModel model() {
        return model;
    }

    public LocalNames names() {
        return names;
    }

    public StackOptions options() {
        return options;
    }

    /** The local Cognito stand-in, when the API has an authorizer. */
    public Optional<LocalIssuer> issuer() {
        return Optional.ofNullable(issuer);
    }

    public List<SqsPoller> pollers() {
        return List.copyOf(pollers);
    }

    public Map<String, FunctionPool> functions() {
        return Map.copyOf(functions);
    }

    /** The pipes this stack runs (DynamoDB stream to Firehose, as the template declares them). */
    public List<StreamPipe> streamPipes() {
        return List.copyOf(streamPipes);
    }

    /** The local data lake the pipes write to; empty when the stack runs no pipes. */
    public Optional<Path> lake() {
        return Optional.ofNullable(lake);
    }

    /** Has every pipe deliver what its stream holds now. */
    public void flushPipes() {
        streamPipes.forEach(StreamPipe::flush);
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} cleanly: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
