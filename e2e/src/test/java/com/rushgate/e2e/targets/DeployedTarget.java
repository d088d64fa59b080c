package com.rushgate.e2e.targets;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A stack deployed from template.yaml: the API at {@code -Drushgate.api}, participants from the
 * stack's Cognito user pool, its tables through DynamoDB; the pool and the tables are found in the
 * stack's outputs. AWS credentials come from the default chain (environment, profile, SSO, role).
 */
final class DeployedTarget implements Target {

    private final DeployedConfig config;
    private final StackOutputs stack;
    private final Participants participants;
    private final StackTables tables;

    private DeployedTarget(DeployedConfig config, StackOutputs stack, Participants participants, StackTables tables) {
        this.config = config;
        this.stack = stack;
        this.participants = participants;
        this.tables = tables;
    }

    static DeployedTarget connect(DeployedConfig config) {
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        StackOutputs stack = StackOutputs.describe(config.stack(), config.region(), config.endpoint(), credentials);
        String userPool = stack.output("UserPoolId");
        URI jwks = config.endpoint().orElse(URI.create("https://cognito-idp." + config.region().id() + ".amazonaws.com"))
                .resolve("/" + userPool + "/.well-known/jwks.json");
        Participants participants = new CognitoParticipants(
                client(CognitoIdentityProviderClient.builder(), config, credentials), userPool,
                stack.output("UserPoolClientId"), jwks);
        StackTables tables = new StackTables(client(DynamoDbClient.builder(), config, credentials),
                stack.output("RequestTableName"), stack.output("EventTableName"),
                Integer.parseInt(stack.parameter("ArrivalShards")));
        return new DeployedTarget(config, stack, participants, tables);
    }

    /** One client per service for the whole run; adaptive retries, as the suite signs in many users at once. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            DeployedConfig config, AwsCredentialsProvider credentials) {
        builder.region(config.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public URI api() {
        return config.api();
    }

    @Override
    public Participants participants() {
        return participants;
    }

    @Override
    public StackTables tables() {
        return tables;
    }

    @Override
    public boolean managedRulesInFront() {
        return true;
    }

    @Override
    public String describe() {
        return "stack " + stack.stack() + " (" + stack.status() + ") in " + config.region() + ", API " + config.api();
    }
}
