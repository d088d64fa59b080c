package com.rushgate.local.cli;

import com.rushgate.local.chaos.ChaosControl;
import com.rushgate.local.console.Console;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts the local stack: DynamoDB Local, ElasticMQ, every table and queue of the template,",
                "the API on 127.0.0.1:PORT, the SQS pollers, the schedules, the analytics pipe into the local",
                "data lake, an S3 endpoint over the lake's buckets, and the operators' console at",
                "http://127.0.0.1:PORT/console. Ctrl-C stops it cleanly."})
final class StartCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Mixin
    AwsLimitsOption awsLimits;

    @Option(names = "--port", defaultValue = "3000", description = "Port of the local API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dynamodb-port", defaultValue = "8000",
            description = "Port of DynamoDB Local, for the aws CLI and other tools (default: ${DEFAULT-VALUE}).")
    int dynamoDbPort;

    @Option(names = "--sqs-port", defaultValue = "9324", description = "Port of ElasticMQ (default: ${DEFAULT-VALUE}).")
    int sqsPort;

    @Option(names = "--s3-port", defaultValue = "4569",
            description = "Port of the local S3 endpoint over the lake's buckets (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @ArgGroup(exclusive = true)
    Storage storage = new Storage();

    @Option(names = "--chaos", defaultValue = "0", paramLabel = "FRACTION",
            description = {"Inject faults: this fraction of SQS sends to the work queue, DynamoDB transitions and",
                    "worker claims fail, and of the writes to an event's item meet a transaction conflict or a",
                    "throttle (default: ${DEFAULT-VALUE}, none). For trying the runbook."})
    double chaos;

    static final class Storage {
        @Option(names = "--data", paramLabel = "DIR", description = "Keep tables in DIR: requests survive a restart.")
        Path data;

        @Option(names = "--in-memory", description = "Keep everything in memory (the default).")
        boolean inMemory;
    }

    @Override
    public void run() {
        if (workspace.running().isPresent()) {
            throw new CliException("a stack is already running for " + workspace.stateDir()
                    + " (see its stack.json); stop it first or pass another --state-dir");
        }
        StackOptions options = workspace.inMemoryOptions().withApiPort(port).withEmulatorPorts(dynamoDbPort, sqsPort)
                .withS3Port(s3Port)
                .withPublishedState(true);
        if (storage.data != null) {
            options = options.withDataDir(storage.data.toAbsolutePath().normalize());
        }
        if (chaos < 0 || chaos > 0.5) {
            throw new CliException("--chaos is a fraction between 0 and 0.5");
        }
        if (awsLimits.limits().isPresent()) {
            options = options.withAwsLimits(awsLimits.limits().get());
        }
        LocalStack stack = LocalStack.start(options.withFaultInjection(chaos > 0));
        URI console = Console.mount(stack);
        ChaosControl control = chaos > 0
                ? new ChaosControl(workspace.stateDir(), chaos, stack.model().functionVariable("QUEUE_URL"),
                        stack.model().functionVariable("EVENT_TABLE")) : null;
        if (control != null) {
            workspace.err().printf("fault injection on: %.0f%% of SQS sends, DynamoDB transitions and worker claims fail,"
                    + " and of the event items' writes meet a conflict or a throttle; change it with ./rushgate chaos"
                    + " FRACTION%n", chaos * 100);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workspace.err().println("stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "rushgate-stop"));
        printEndpoints(stack, console);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printEndpoints(LocalStack stack, URI console) {
        workspace.out().println();
        workspace.out().println("Rushgate local stack is up" + (stack.options().dataDir() != null
                ? " (data in " + stack.options().dataDir() + ")" : " (in memory)"));
        stack.apiEndpoint().ifPresent(api -> workspace.out().println("  API       " + api));
        workspace.out().println("  console   " + console + "   (live counts, close, restock, redrive, draw)");
        workspace.out().println("  DynamoDB  " + stack.dynamoDbEndpoint()
                + (stack.awsLimits().isPresent() ? "   (through the AWS limits: every client meets them)" : ""));
        workspace.out().println("  SQS       " + stack.sqsEndpoint());
        stack.s3Endpoint().ifPresent(s3 -> workspace.out().println("  S3        " + s3
                + "   (path-style; the buckets are folders of the lake)"));
        workspace.out().println("  region    " + stack.options().region() + "   (any credentials work, e.g. local/local)");
        stack.operatorKeyFile().ifPresent(key -> workspace.out().println("  operator  " + key
                + "   (the key the admin routes, AWS_IAM, accept SigV4 signatures of)"));
        workspace.out().println("  logs      " + stack.options().functionLogs());
        stack.model().webAcl().ifPresent(acl -> {
            workspace.out().println("  WAF       " + acl.rateRules().stream()
                    .map(rule -> rule.name() + " (" + rule.limit() + " per " + rule.windowSeconds() + " s)")
                    .collect(Collectors.joining(", ")));
            acl.notEmulated().forEach(reason -> workspace.out().println("            not emulated: " + reason));
        });
        stack.lake().ifPresent(lake -> workspace.out().println("  lake      " + lake + "   (./rushgate analytics asks it)"));
        stack.awsLimits().ifPresent(limits -> limits.describe().forEach(line -> workspace.out().println("  " + line)));
        workspace.out().println();
        workspace.out().println("Try:  TOKEN=$(./rushgate token --user alice)");
        workspace.out().println("      ./rushgate create-event --id drop-1 --type FCFS --capacity 10");
        stack.apiEndpoint().ifPresent(api -> workspace.out().println("      curl -i -X POST -H \"Authorization: Bearer $TOKEN\" "
                + api + "/events/drop-1/participations"));
        workspace.out().println("      export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION="
                + stack.options().region());
        workspace.out().println("      aws --endpoint-url " + stack.dynamoDbEndpoint() + " dynamodb list-tables");
        stack.s3Endpoint().ifPresent(s3 -> stack.model().buckets().stream().findFirst().ifPresent(bucket -> workspace
                .out().println("      aws --endpoint-url " + s3 + " s3 ls s3://" + bucket.name() + "/ --recursive")));
        workspace.out().println("Press Ctrl-C to stop.");
    }
}
