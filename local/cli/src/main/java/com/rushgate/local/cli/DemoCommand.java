package com.rushgate.local.cli;

import com.rushgate.core.domain.EventType;
import com.rushgate.local.console.Console;
import com.rushgate.local.demo.Demo;
import com.rushgate.local.demo.DemoOptions;
import com.rushgate.local.demo.DemoSummary;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.stack.LimitsSummary;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A drop on an in-memory stack: creates an FCFS event, sends every user's participation over HTTP",
                "with their own token plus duplicates, waits until every accepted request is final, and proves",
                "that nothing was lost or oversold; then waits for the data lake to hold every final request and",
                "prints the analytics answers for the event. Exit code 1 if a user was never accepted, anything",
                "was lost, oversold or missing, or a winner was not among the first capacity arrivals.",
                "With --type RAFFLE: a raffle instead; every user enters, the raffle is closed, the scheduled",
                "reconciler draws it (within a minute), and the draw is verified through the public API; exit",
                "code 1 also if the winners are not min(capacity, entries) or the draw does not verify."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    Workspace workspace;

    @Mixin
    AwsLimitsOption awsLimits;

    @Option(names = "--users", defaultValue = "1000", description = "Participants (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--capacity", defaultValue = "100", description = "Units of stock (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--duplicates", defaultValue = "0.1",
            description = "Extra submissions as a share of users (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--concurrency", defaultValue = "64", description = "HTTP clients at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "5m", converter = Durations.class,
            description = "Longest wait for every request to be final (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--type", defaultValue = "FCFS", paramLabel = "FCFS|RAFFLE",
            description = "An FCFS drop or a raffle (default: ${DEFAULT-VALUE}).")
    EventType type;

    @Option(names = "--json", description = "End with the summary as one JSON object on the last line.")
    boolean json;

    @Option(names = "--chaos", defaultValue = "0", paramLabel = "FRACTION",
            description = {"Inject faults while participations arrive: this fraction of SQS sends, DynamoDB transitions",
                    "and worker claims fail, and of the writes to the event's item meet a transaction conflict or a",
                    "throttle; poison messages are sent; then the reconciler and a redrive recover everything",
                    "(default: ${DEFAULT-VALUE}, none)."})
    double chaos;

    /** Short timeouts so a chaotic run recovers in seconds; --parameter overrides any of them. */
    static final Map<String, String> CHAOS_PARAMETERS = Map.of(
            "WorkerTimeoutSeconds", "5",
            "QueueVisibilityTimeoutSeconds", "6",
            "MaxReceiveCount", "3",
            "ReconcileReceivedAfterSeconds", "3",
            "ReconcileStaleAfterSeconds", "25");

    /** Every simulated participant comes from 127.0.0.1; WAF's per-IP rule would see one client. */
    static final Map<String, String> SHARED_IP_PARAMETERS = Map.of(
            "WafRateLimitPerIp", "2000000000");

    @Override
    public Integer call() throws InterruptedException {
        DemoOptions options;
        try {
            options = new DemoOptions(users, capacity, duplicates, concurrency, timeout, chaos, type);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        workspace.err().println("starting an in-memory stack (all demo participants share 127.0.0.1, so the per-IP WAF limit"
                + " is lifted; --parameter WafRateLimitPerIp=N puts it back)...");
        Map<String, String> parameters = new HashMap<>(SHARED_IP_PARAMETERS);
        if (chaos > 0) {
            parameters.putAll(CHAOS_PARAMETERS);
        }
        parameters.putAll(workspace.parameters);
        StackOptions stackOptions = workspace.inMemoryOptions().withParameters(parameters).withFaultInjection(chaos > 0);
        Optional<AwsLimits> limits = awsLimits.limits();
        if (limits.isPresent()) {
            stackOptions = stackOptions.withAwsLimits(limits.get());
            limits.get().describe().forEach(workspace.err()::println);
        }
        try (LocalStack stack = LocalStack.start(stackOptions)) {
            workspace.err().println("console: " + Console.mount(stack) + " (while the demo runs)");
            Demo demo = new Demo(stack, new PrintStream(new WriterOutputStream(workspace.err()), true));
            DemoSummary summary = demo.run(options);
            for (Map.Entry<String, Object> counter : LimitsSummary.of(stack, summary.accepted()).entrySet()) {
                summary = summary.with(counter.getKey(), counter.getValue());
            }
            workspace.out().print(summary.toText());
            demo.analytics().ifPresent(report -> workspace.out().print(report.toText()));
            if (json) {
                workspace.out().println(summary.toJson());
            }
            return summary.healthy() ? 0 : 1;
        }
    }
}
