package com.rushgate.local.cli;

import com.rushgate.local.limits.AwsLimits;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --aws-limits, --limits-scale and --concurrency-scale, shared by start, demo and bench. */
final class AwsLimitsOption {

    @Option(names = "--aws-limits",
            description = {"Enforce AWS's quotas (DynamoDB partitions, tables and transaction conflicts; see",
                    "docs/aws-limits.md), scaled by --limits-scale, on every call the functions make."})
    boolean on;

    @Option(names = "--limits-scale", paramLabel = "F", defaultValue = "" + AwsLimits.DEFAULT_SCALE,
            description = {"With --aws-limits: every AWS rate (DynamoDB, API Gateway) times F, in (0, 1]",
                    "(default: ${DEFAULT-VALUE}, so that 2 cores reach the limits; 1 is AWS's own figures)."})
    double scale;

    @Option(names = "--concurrency-scale", paramLabel = "C", defaultValue = "" + AwsLimits.DEFAULT_CONCURRENCY_SCALE,
            description = {"With --aws-limits: Lambda's concurrency, scaling and SQS batch figures times C, in",
                    "(0, 1] (default: ${DEFAULT-VALUE}: at F = 0.05 a local invocation takes about 20 times as",
                    "long as in AWS, so the account's 1,000 fit the same drop; docs/aws-limits.md)."})
    double concurrencyScale;

    Optional<AwsLimits> limits() {
        if (!on) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AwsLimits(scale, concurrencyScale));
        } catch (IllegalArgumentException e) {
            throw new CliException((e.getMessage().contains("concurrency") ? "--concurrency-scale: " : "--limits-scale: ")
                    + e.getMessage());
        }
    }
}
