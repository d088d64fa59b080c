package com.rushgate.local.it;

import com.rushgate.local.emulator.DynamoDbLocal;
import com.rushgate.local.limits.DynamoDbLimitsProxy;
import com.rushgate.local.stack.LocalClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB Local with the two tables the limits proxy's ITs use: the same shape (key {@code pk},
 * a GSI on {@code group}), one at the on-demand defaults and one the test warms. Clients to put a
 * proxy in front of it, and {@link #direct()} to look behind the proxy.
 */
final class LimitsTables implements AutoCloseable {

    static final String ACCOUNT = "000000000000";
    static final String TABLE = "LimitsTable";
    static final String WARM_TABLE = "WarmTable";
    static final String INDEX = "ByGroup";

    private final DynamoDbLocal dynamoDbLocal;
    private final LocalClients direct;

    private LimitsTables(DynamoDbLocal dynamoDbLocal) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.direct = new LocalClients("us-east-1", dynamoDbLocal.endpoint(), URI.create("http://127.0.0.1:1"));
    }

    static LimitsTables start() {
        LimitsTables tables = new LimitsTables(DynamoDbLocal.start(null, 0));
        for (String table : List.of(TABLE, WARM_TABLE)) {
            tables.direct.dynamoDb().createTable(t -> t.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                            a -> a.attributeName("group").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .globalSecondaryIndexes(g -> g.indexName(INDEX).keySchema(k -> k.attributeName("group").keyType("HASH"))
                            .projection(p -> p.projectionType("ALL"))));
        }
        return tables;
    }

    /** DynamoDB Local itself, for a proxy to stand in front of. */
    URI dynamoDbLocal() {
        return dynamoDbLocal.endpoint();
    }

    /** A client straight to DynamoDB Local, past any proxy. */
    DynamoDbClient direct() {
        return direct.dynamoDb();
    }

    /** A client of the proxy; with retries, the SDK's standard strategy (it knows throttling errors), three attempts. */
    static DynamoDbClient client(DynamoDbLimitsProxy target, boolean retries) {
        return DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(target.endpoint()).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(retries
                        ? DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(3).build()
                        : DefaultRetryStrategy.doNotRetry())).build();
    }

    static Map<String, AttributeValue> item(String pk, String group, int paddingBytes) {
        return Map.of("pk", AttributeValue.fromS(pk), "group", AttributeValue.fromS(group),
                "pad", AttributeValue.fromS("x".repeat(paddingBytes)));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Override
    public void close() {
        direct.close();
        dynamoDbLocal.close();
    }
}
