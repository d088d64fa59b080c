package com.rushgate.local.stack;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients the local stack itself uses (provisioning, pollers, the command line) against
 * DynamoDB Local and ElasticMQ, with the dummy credentials both accept.
 */
public final class LocalClients implements AutoCloseable {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final SdkHttpClient http;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;

    public LocalClients(String region, URI dynamoDbEndpoint, URI sqsEndpoint) {
        this.http = ApacheHttpClient.builder()
                .maxConnections(512)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        this.dynamoDb = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .endpointOverride(dynamoDbEndpoint).httpClient(http).build();
        this.streams = DynamoDbStreamsClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .endpointOverride(dynamoDbEndpoint).httpClient(http).build();
        this.sqs = SqsClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .endpointOverride(sqsEndpoint).httpClient(http).build();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        sqs.close();
        http.close();
    }
}
