package com.rushgate.local.stack;

import com.rushgate.local.limits.AwsLimits;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the local stack.
 *
 * @param template           the SAM template
 * @param dataDir            where tables (and generated secrets) persist; null keeps everything in memory
 * @param stateDir           the issuer key lives here, and the running stack's endpoints (stack.json)
 * @param functionLogs       where function output goes (one file per function); null for the console
 * @param apiPort            the gateway's port; 0 picks a free one
 * @param dynamoDbPort       DynamoDB Local's port; 0 picks a free one
 * @param sqsPort            ElasticMQ's port; 0 picks a free one
 * @param s3Port             the local S3 endpoint's port; 0 picks a free one
 * @param region             the region the functions see
 * @param parameterOverrides template parameters, like sam deploy --parameter-overrides
 * @param runTriggers        start the SQS pollers and schedules (off for a single invoke)
 * @param publishState       write stateDir/stack.json so other commands find this stack
 * @param faultInjection     put the fault injector on the functions' class path (off by default;
 *                           faults are then switched on and off with {@link com.rushgate.local.chaos.Faults})
 * @param awsLimits          AWS's quotas at a scale, enforced on the functions' calls; empty: none (the default)
 */
public record StackOptions(Path template, Path dataDir, Path stateDir, Path functionLogs, int apiPort,
                           int dynamoDbPort, int sqsPort, int s3Port, String region, Map<String, String> parameterOverrides,
                           boolean runTriggers, boolean publishState, boolean faultInjection,
                           Optional<AwsLimits> awsLimits) {

    public static final String DEFAULT_REGION = "us-east-1";

    public StackOptions {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(region, "region");
        parameterOverrides = Map.copyOf(parameterOverrides);
        Objects.requireNonNull(awsLimits, "awsLimits");
    }

    /** An in-memory stack on free ports, triggers running, logs in stateDir/logs. */
    public static StackOptions inMemory(Path template, Path stateDir) {
        return new StackOptions(template, null, stateDir, stateDir.resolve("logs"), 0, 0, 0, 0, DEFAULT_REGION, Map.of(),
                true, false, false, Optional.empty());
    }

    public StackOptions withDataDir(Path dir) {
        return new StackOptions(template, dir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withApiPort(int port) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, port, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withEmulatorPorts(int dynamoDb, int sqs) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDb, sqs, s3Port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withS3Port(int port) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withParameters(Map<String, String> overrides) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                overrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withTriggers(boolean run) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, run, publishState, faultInjection, awsLimits);
    }

    public StackOptions withPublishedState(boolean publish) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publish, faultInjection, awsLimits);
    }

    public StackOptions withFaultInjection(boolean on) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publishState, on, awsLimits);
    }

    public StackOptions withFunctionLogs(Path directory) {
        return new StackOptions(template, dataDir, stateDir, directory, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, awsLimits);
    }

    public StackOptions withAwsLimits(AwsLimits limits) {
        return new StackOptions(template, dataDir, stateDir, functionLogs, apiPort, dynamoDbPort, sqsPort, s3Port, region,
                parameterOverrides, runTriggers, publishState, faultInjection, Optional.of(limits));
    }
}
