package com.rushgate.local.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's quotas as the local stack enforces them, every figure from docs/aws-limits.md (which names
 * the AWS page of each), with every rate multiplied by one scale factor so that one machine can
 * reach them. Sizes (write and read unit bytes) and multipliers are never scaled: a participation
 * costs the same units at every scale; only the number of units per second shrinks.
 *
 * <p>Lambda's figures (concurrent executions, environments started, an SQS trigger's batches) have
 * a factor of their own: the concurrency a load needs is its rate times the invocations' duration,
 * and a local invocation takes longer than one in AWS, so scaling concurrency like a rate would
 * throttle far too early (docs/aws-limits.md, "Two factors").
 *
 * @param scale            the factor every per-second figure (DynamoDB, API Gateway) is multiplied by
 * @param concurrencyScale the factor Lambda's concurrency, scaling and batch figures are multiplied by
 */
public record AwsLimits(double scale, double concurrencyScale) {

    /** The default scale: a 2-core machine runs the whole stack at about 500 participations/s (see docs/aws-limits.md). */
    public static final double DEFAULT_SCALE = 0.05;
    /**
     * The default concurrency factor: at {@link #DEFAULT_SCALE} a participation takes about 20 times
     * longer on a 2-core machine than in AWS (docs/aws-limits.md), so 0.05 x 20 = 1 keeps the ratio
     * of the concurrency a drop needs to the account's quota.
     */
    public static final double DEFAULT_CONCURRENCY_SCALE = 1.0;

    // DynamoDB
    public static final int WRITE_UNIT_BYTES = 1024;
    public static final int READ_UNIT_BYTES = 4096;
    public static final int TRANSACTION_FACTOR = 2;
    public static final double PARTITION_WRITE_UNITS = 1_000;
    public static final double PARTITION_READ_UNITS = 3_000;
    public static final double ON_DEMAND_WARM_WRITE_UNITS = 4_000;
    public static final double ON_DEMAND_WARM_READ_UNITS = 12_000;
    public static final double TABLE_ACCOUNT_QUOTA_UNITS = 40_000;
    // Lambda
    public static final int ACCOUNT_CONCURRENCY = 1_000;
    public static final int SCALING_ENVIRONMENTS_PER_10_SECONDS = 1_000;
    public static final int SQS_INITIAL_CONCURRENT_BATCHES = 5;
    public static final int SQS_ADDED_BATCHES_PER_MINUTE = 300;
    public static final int SQS_MAXIMUM_CONCURRENT_BATCHES = 1_000;
    // API Gateway
    public static final double API_ACCOUNT_RATE = 10_000;
    public static final int API_ACCOUNT_BURST = 5_000;

    public AwsLimits {
        if (!(scale > 0) || scale > 1) {
            throw new IllegalArgumentException("the limits scale is a factor in (0, 1], not " + scale);
        }
        if (!(concurrencyScale > 0) || concurrencyScale > 1) {
            throw new IllegalArgumentException("the concurrency scale is a factor in (0, 1], not " + concurrencyScale);
        }
    }

    /** One factor for everything, rates and concurrency alike (the rules' tests use it). */
    public AwsLimits(double scale) {
        this(scale, scale);
    }

    public static AwsLimits defaults() {
        return new AwsLimits(DEFAULT_SCALE, DEFAULT_CONCURRENCY_SCALE);
    }

    public double partitionWriteUnits() {
        return PARTITION_WRITE_UNITS * scale;
    }

    public double partitionReadUnits() {
        return PARTITION_READ_UNITS * scale;
    }

    /** A table's (or index's) write units per second: its warm throughput, scaled. */
    public double tableWriteUnits(double warmWriteUnits) {
        return Math.min(warmWriteUnits, TABLE_ACCOUNT_QUOTA_UNITS) * scale;
    }

    public double tableReadUnits(double warmReadUnits) {
        return Math.min(warmReadUnits, TABLE_ACCOUNT_QUOTA_UNITS) * scale;
    }

    public double tableAccountQuotaUnits() {
        return TABLE_ACCOUNT_QUOTA_UNITS * scale;
    }

    /** A count of Lambda's (executions, environments, batches) scaled by the concurrency factor, never below one. */
    public int count(int awsValue) {
        return Math.max(1, (int) Math.round(awsValue * concurrencyScale));
    }

    public int accountConcurrency() {
        return count(ACCOUNT_CONCURRENCY);
    }

    /** Batches an SQS event source mapping adds per minute, scaled by the concurrency factor. */
    public double sqsAddedBatchesPerMinute() {
        return SQS_ADDED_BATCHES_PER_MINUTE * concurrencyScale;
    }

    public double apiAccountRate() {
        return API_ACCOUNT_RATE * scale;
    }

    public int apiAccountBurst() {
        return Math.max(1, (int) Math.round(API_ACCOUNT_BURST * scale));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** What the stack prints at start: the effective figures, AWS's beside them. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("AWS limits enforced, scale %s (every rate x %s; Lambda's concurrency x %s):",
                trim(scale), trim(scale), trim(concurrencyScale)));
        lines.add(String.format("  DynamoDB partition   %,.0f WCU/s, %,.0f RCU/s per partition key (AWS %,.0f / %,.0f)",
                partitionWriteUnits(), partitionReadUnits(), PARTITION_WRITE_UNITS, PARTITION_READ_UNITS));
        lines.add(String.format("  DynamoDB table       %,.0f writes/s, %,.0f reads/s on demand unless WarmThroughput (AWS %,.0f / %,.0f)",
                tableWriteUnits(ON_DEMAND_WARM_WRITE_UNITS), tableReadUnits(ON_DEMAND_WARM_READ_UNITS),
                ON_DEMAND_WARM_WRITE_UNITS, ON_DEMAND_WARM_READ_UNITS));
        lines.add("  DynamoDB units       1 KB per write unit, 4 KB per read unit (eventually consistent: half),"
                + " transactions x2, conflicts cancelled");
        lines.add(String.format("  Lambda               %d concurrent executions per account (AWS %,d), %d new environments"
                        + " per function per 10 s (AWS %,d); SQS triggers start at %d batches, +%s per minute",
                accountConcurrency(), ACCOUNT_CONCURRENCY, count(SCALING_ENVIRONMENTS_PER_10_SECONDS),
                SCALING_ENVIRONMENTS_PER_10_SECONDS, count(SQS_INITIAL_CONCURRENT_BATCHES),
                trim(sqsAddedBatchesPerMinute())));
        lines.add(String.format("  API Gateway          account throttle %s requests/s, burst %d (AWS %,.0f / %,d), before the"
                        + " stage's and methods' own", trim(apiAccountRate()), apiAccountBurst(), API_ACCOUNT_RATE,
                API_ACCOUNT_BURST));
        return lines;
    }
}
