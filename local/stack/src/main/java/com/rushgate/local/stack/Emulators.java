package com.rushgate.local.stack;

import com.rushgate.local.emulator.DynamoDbLocal;
import com.rushgate.local.emulator.ElasticMq;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import com.rushgate.local.pipes.LocalDeliveryStream;
import com.rushgate.local.s3.LocalS3;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.StackModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where DynamoDB, SQS and S3 answer: DynamoDB Local, ElasticMQ and the local S3 on loopback ports
 * (started here, or those of a stack another process runs), and, with the AWS limits, the proxy
 * that takes DynamoDB's port and enforces DynamoDB's quotas in front of DynamoDB Local.
 */
final class Emulators {

    private final URI dynamoDbLocal;
    private final URI sqs;
    private URI dynamoDb;
    private URI s3;
    private DynamoDbLimitsProxy limitsProxy;

    private Emulators(URI dynamoDbLocal, URI sqs, URI s3) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.sqs = sqs;
        this.dynamoDb = dynamoDbLocal;
        this.s3 = s3;
    }

    /** Starts DynamoDB Local (persistent with a data directory) and ElasticMQ on the options' ports. */
    static Emulators start(StackOptions options, Resources resources) {
        // With the limits, the proxy takes DynamoDB's port (what tools are pointed at) and DynamoDB Local hides behind it.
        DynamoDbLocal dynamoDbLocal = resources.track(DynamoDbLocal.start(
                options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"),
                options.awsLimits().isPresent() ? 0 : options.dynamoDbPort()));
        ElasticMq elasticMq = resources.track(ElasticMq.start(options.sqsPort(), options.region(), LocalNames.ACCOUNT_ID));
        return new Emulators(dynamoDbLocal.endpoint(), elasticMq.endpoint(), null);
    }

    /** The endpoints of a stack another process runs; its DynamoDB endpoint is taken as it publishes it. */
    static Emulators of(StackState running) {
        return new Emulators(running.dynamoDb(), running.sqs(), running.s3());
    }

    /**
     * Serves the template's buckets on the options' S3 port, each as the folder of the lake named
     * after it: the folder the local Firehose delivers to.
     */
    void serveBuckets(StackModel model, Path lake, StackOptions options, Resources resources) {
        Map<String, Path> folders = new LinkedHashMap<>();
        model.buckets().forEach(bucket -> folders.put(bucket.name(), lake.resolve(bucket.name())));
        s3 = resources.track(LocalS3.start(folders, lake.resolve(LocalDeliveryStream.STAGING), options.s3Port()))
                .endpoint();
    }

    /** Puts the limits proxy in front of DynamoDB Local; from then on {@link #dynamoDb()} is the proxy. */
    void enforceLimits(AwsLimits limits, StackModel model, StackOptions options, Resources resources) {
        limitsProxy = resources.track(DynamoDbLimitsProxy.start(limits, dynamoDbLocal, warmThroughput(model),
                options.region(), LocalNames.ACCOUNT_ID, options.dynamoDbPort()));
        dynamoDb = limitsProxy.endpoint();
    }

    /**
     * Per table name, the template's WarmThroughput {write, read units per second}; tables without
     * one are on-demand tables at AWS's defaults.
     */
    private static Map<String, double[]> warmThroughput(StackModel model) {
        Map<String, double[]> warm = new LinkedHashMap<>();
        for (StackModel.TableSpec table : model.tables()) {
            if (table.properties().get("WarmThroughput") instanceof Map<?, ?> spec) {
                warm.put(table.name(), new double[] {
                        number(spec.get("WriteUnitsPerSecond"), AwsLimits.ON_DEMAND_WARM_WRITE_UNITS),
                        number(spec.get("ReadUnitsPerSecond"), AwsLimits.ON_DEMAND_WARM_READ_UNITS)});
            }
        }
        return warm;
    }

    private static double number(Object value, double otherwise) {
        return value == null ? otherwise : Double.parseDouble(value.toString());
    }

    /** DynamoDB Local itself, never throttled: the stack's own machinery talks to it. */
    URI dynamoDbLocal() {
        return dynamoDbLocal;
    }

    /** DynamoDB as the functions and tools see it: the limits proxy when it runs, else DynamoDB Local. */
    URI dynamoDb() {
        return dynamoDb;
    }

    URI sqs() {
        return sqs;
    }

    /** The local S3; null for an attached stack whose running stack published none. */
    URI s3() {
        return s3;
    }

    Optional<DynamoDbLimitsProxy> limitsProxy() {
        return Optional.ofNullable(limitsProxy);
    }
}
