package com.rushgate.local.cli;

import com.rushgate.local.limits.AwsLimits;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --aws-limits and --limits-scale, shared by start, demo and bench. */
final class AwsLimitsOption {

    @Option(names = "--aws-limits",
            description = {"Enforce AWS's quotas (DynamoDB partitions, tables and transaction conflicts; see",
                    "docs/aws-limits.md), scaled by --limits-scale, on every call the functions make."})
    boolean on;

    @Option(names = "--limits-scale", paramLabel = "F", defaultValue = "" + AwsLimits.DEFAULT_SCALE,
            description = {"With --aws-limits: every AWS rate and concurrency times F, in (0, 1] (default:",
                    "${DEFAULT-VALUE}, so that 2 cores reach the limits; 1 is AWS's own figures)."})
    double scale;

    Optional<AwsLimits> limits() {
        if (!on) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AwsLimits(scale));
        } catch (IllegalArgumentException e) {
            throw new CliException("--limits-scale: " + e.getMessage());
        }
    }
}
