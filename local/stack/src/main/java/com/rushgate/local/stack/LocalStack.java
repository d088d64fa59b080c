package com.rushgate.local.stack;

import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.gateway.MountedHandler;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.pipes.StreamPipe;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.Template;
import com.rushgate.local.triggers.SqsPoller;
import com.rushgate.local.triggers.StreamPoller;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, built from template.yaml: DynamoDB Local, ElasticMQ and an S3
 * endpoint over the local lake on loopback ports ({@link Emulators}), every table and queue the
 * template declares ({@link Provisioner}), a pool of execution environments per function ({@link FunctionPools}),
 * the API on a local gateway ({@link LocalApi}), and the SQS triggers, schedules and pipes
 * ({@link EventSources}). Closing it stops them all in the reverse order ({@link Resources}).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    public static final String STATE_FILE = "stack.json";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final StackOptions options;
    private final Resources resources = new Resources();
    private Emulators emulators;
    private LocalClients clients;
    private LocalClients functionClients;
    private LocalNames names;
    private StackModel model;
    private FunctionPools functions;
    private LocalApi api;
    private EventSources eventSources;
    private Path lake;

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

        emulators = running == null ? Emulators.start(options, resources) : Emulators.of(running);
        // The stack's own clients (provisioning, pipes, the commands' reads) are machinery, not the
        // system under test: they talk to DynamoDB Local directly, never throttled.
        clients = resources.track(new LocalClients(options.region(), emulators.dynamoDbLocal(), emulators.sqs()));
        LocalSecrets secrets = new LocalSecrets(options.dataDir() != null ? options.dataDir() : options.stateDir());
        names = new LocalNames(template, parameters, options.region(), emulators.sqs(), secrets::value);
        StackModel declared = StackModel.resolve(template, names);
        if (running == null && options.awsLimits().isPresent()) {
            emulators.enforceLimits(options.awsLimits().get(), declared, options, resources);
        }
        functionClients = emulators.dynamoDb().equals(emulators.dynamoDbLocal()) ? clients
                : resources.track(new LocalClients(options.region(), emulators.dynamoDb(), emulators.sqs()));

        Provisioner provisioner = new Provisioner(clients.dynamoDb(), clients.sqs());
        if (running == null) {
            provisioner.provision(declared, names);
        } else {
            provisioner.learnStreams(declared, names);
        }
        // Resolved again now that stream ARNs are known.
        model = StackModel.resolve(template, names);
        lake = running == null ? lakeDirectory(options) : running.lake();
        if (running == null) {
            emulators.serveBuckets(model, lake, options, resources);
        }

        functions = new FunctionPools(template, model, names, options, emulators.dynamoDb(), emulators.sqs(),
                emulators.s3(), resources);
        api = model.api().map(spec -> LocalApi.start(spec, model, options, this::function, resources)).orElse(null);
        eventSources = options.runTriggers()
                ? EventSources.start(model, options, this::function, clients, functions.quotas().orElse(null), lake,
                        resources)
                : EventSources.none(model, clients);
        if (options.publishState()) {
            publishState();
        }
        if (running == null) {
            LOG.info("local stack up in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /**
     * The local data lake, the folder of the template's buckets (created as objects arrive): beside
     * the tables with --data (their streams survive a restart, and so do the pipes' checkpoints),
     * else a new folder per run in the state directory.
     */
    private static Path lakeDirectory(StackOptions options) {
        if (options.dataDir() != null) {
            return options.dataDir().resolve("lake");
        }
        String run = RUN_ID.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        return options.stateDir().resolve("lake").resolve(run);
    }

    private void publishState() {
        Path file = new StackState(ProcessHandle.current().pid(), options.template().toAbsolutePath(),
                options.region(), apiEndpoint().orElse(null), emulators.dynamoDb(), emulators.sqs(), emulators.s3(),
                options.dataDir() == null ? null : options.dataDir().toAbsolutePath(), options.parameterOverrides(),
                lake().map(Path::toAbsolutePath).orElse(null)).write(options.stateDir());
        resources.track(() -> Files.deleteIfExists(file));
    }

    /** The environment the stack gives {@code logicalId}'s execution environments. */
    public Map<String, String> functionEnvironment(String logicalId) {
        return Map.copyOf(functions.environment(logicalId));
    }

    /**
     * Starts an instance of a pipe of the template on this stack's lake and checkpoints. The stack
     * starts one per pipe itself; tests start another to restart a pipe after {@link StreamPipe#halt()}.
     * The caller closes what this returns.
     */
    public StreamPipe openPipe(StackModel.PipeSpec pipe) {
        return eventSources.openPipe(pipe);
    }

    public FunctionPool function(String logicalId) {
        return functions.get(logicalId);
    }

    public Invocation invoke(String logicalId, String event) {
        return function(logicalId).invoke(event);
    }

    public Optional<URI> apiEndpoint() {
        return Optional.ofNullable(api).map(LocalApi::gateway).map(Gateway::endpoint);
    }

    /**
     * Serves {@code prefix} on the API's port with {@code handler}, beside the API and before it
     * (no WAF, throttle or authorizer): the local stack's own pages, such as the console.
     *
     * @throws IllegalStateException    if this stack serves no API (an attached one)
     * @throws IllegalArgumentException if the prefix would hide an API route
     */
    public void mount(String prefix, MountedHandler handler) {
        if (api == null) {
            throw new IllegalStateException("this stack serves no API to mount " + prefix + " beside");
        }
        api.gateway().mount(prefix, handler);
    }

    /** DynamoDB as the functions and tools see it: the limits proxy with --aws-limits, else DynamoDB Local. */
    public URI dynamoDbEndpoint() {
        return emulators.dynamoDb();
    }

    /** The AWS limits this stack enforces, if any. */
    public Optional<AwsLimits> awsLimits() {
        return options.awsLimits();
    }

    /** What the limits counted so far; all zero without limits. */
    public LimitsCounters.Snapshot limitsCounters() {
        return emulators.limitsProxy().map(proxy -> proxy.counters()
                        .withLambdaThrottles(functions.quotas().map(LambdaQuotas::throttles).orElse(0L))
                        .withApiThrottles(api == null ? 0 : api.gateway().accountThrottled()))
                .orElse(LimitsCounters.Snapshot.NONE);
    }

    /** The Lambda quotas the functions and the SQS triggers meet, with --aws-limits. */
    public Optional<LambdaQuotas> lambdaQuotas() {
        return functions.quotas();
    }

    /** Clients that call DynamoDB as the functions do (through the limits, when they are on). */
    public LocalClients functionClients() {
        return functionClients;
    }

    public URI sqsEndpoint() {
        return emulators.sqs();
    }

    /**
     * The local S3 endpoint over the lake, path-style ({@code /bucket/key}), which the functions get
     * as AWS_ENDPOINT_URL_S3; empty for an attached stack whose running stack published none.
     */
    public Optional<URI> s3Endpoint() {
        return Optional.ofNullable(emulators.s3());
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

    /** The file of the operator key the admin routes (AWS_IAM) accept signatures of, when the stack has an API. */
    public Optional<Path> operatorKeyFile() {
        return Optional.ofNullable(api).map(a -> options.stateDir().resolve(OperatorKey.KEY_FILE).toAbsolutePath());
    }

    /** The operator key the admin routes accept signatures of, when the stack has an API. */
    public Optional<OperatorKey> operatorKey() {
        return Optional.ofNullable(api).map(LocalApi::operatorKey);
    }

    /** The local Cognito stand-in, when the API has an authorizer. */
    public Optional<LocalIssuer> issuer() {
        return Optional.ofNullable(api).map(LocalApi::issuer);
    }

    public List<SqsPoller> pollers() {
        return eventSources.pollers();
    }

    /** The functions' DynamoDB stream triggers this stack runs. */
    public List<StreamPoller> streamPollers() {
        return eventSources.streamPollers();
    }

    public Map<String, FunctionPool> functions() {
        return functions.all();
    }

    /** The pipes this stack runs (DynamoDB stream to Firehose, as the template declares them). */
    public List<StreamPipe> streamPipes() {
        return eventSources.pipes();
    }

    /**
     * The local data lake: a folder per bucket of the template, which the pipes write to and the
     * local S3 serves; empty for an attached stack whose running stack published none.
     */
    public Optional<Path> lake() {
        return Optional.ofNullable(lake);
    }

    /** Has every pipe deliver what its stream holds now. */
    public void flushPipes() {
        eventSources.pipes().forEach(StreamPipe::flush);
    }

    @Override
    public void close() {
        resources.close();
    }
}
