package com.rushgate.core.aws;

import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.app.port.Pause;
import com.rushgate.core.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients a function uses, once per container: a lightweight HTTP client, the
 * region from {@code AWS_REGION}, and an endpoint override only when {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_SQS} or {@code AWS_ENDPOINT_URL_S3} is set (the names the AWS CLI and SDKs use; the local stack sets them).
 */
public final class AwsClients {

    /** One attempt may not take longer than this; the SDK retries throttling and 5xx within the call timeout. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    /** Enough for the worker's parallel records; one invocation per environment needs few. */
    private static final int MAX_CONNECTIONS = 64;

    private final Region region;
    private final Optional<URI> dynamoDbEndpoint;
    private final Optional<URI> sqsEndpoint;
    private final Optional<URI> s3Endpoint;
    private final SdkHttpClient httpClient;
    private final PrimingGuard guard = new PrimingGuard();

    public AwsClients(Env env) {
        this(env, httpClient(env.require("SDK_HTTP_CLIENT")));
    }

    /** With an HTTP client of the caller's, for tests that must not open sockets. */
    AwsClients(Env env, SdkHttpClient httpClient) {
        this.region = Region.of(env.require("AWS_REGION"));
        this.dynamoDbEndpoint = env.optionalUri("AWS_ENDPOINT_URL_DYNAMODB");
        this.sqsEndpoint = env.optionalUri("AWS_ENDPOINT_URL_SQS");
        this.s3Endpoint = env.optionalUri("AWS_ENDPOINT_URL_S3");
        this.httpClient = httpClient;
    }

    /**
     * The SDK's HTTP client, named by SDK_HTTP_CLIENT: "apache" (pooled connections, the lowest
     * per-call latency we measured) or "url-connection" (the smallest, from the JDK). See
     * docs/BENCHMARKS.md for the numbers behind the template's choice.
     */
    static SdkHttpClient httpClient(String name) {
        return switch (name) {
            case "apache" -> ApacheHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .maxConnections(MAX_CONNECTIONS)
                    .build();
            case "url-connection" -> UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build();
            case "crt" -> CrtHttpClients.build(CONNECT_TIMEOUT, MAX_CONNECTIONS);
            default -> throw new ConfigurationException(
                    "environment variable SDK_HTTP_CLIENT must be apache, url-connection or crt, got '" + name + "'");
        };
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder()
                .region(region)
                .httpClient(httpClient)
                .overrideConfiguration(overrides());
        dynamoDbEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder()
                .region(region)
                .httpClient(httpClient)
                .overrideConfiguration(overrides());
        sqsEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * For the functions that publish or serve raffle draws: S3's GetObject and PutObject, signed over
     * this HTTP client with the default credentials. With an endpoint override (the local stack),
     * buckets are addressed by path. Inside {@link #primingScope} no S3 call is sent, reads included.
     */
    public S3Objects s3Objects() {
        return new S3Objects(httpClient, region, DefaultCredentialsProvider.builder().build(), s3Endpoint.orElse(null),
                Pause.sleeping(), guard);
    }

    /**
     * Runs {@code work} (SnapStart priming) with every client built here read-only: a call that could
     * change something is stopped just before it is sent, and the reads that are sent close their
     * connection afterwards, so the snapshot keeps no pooled connection. See {@link PrimingGuard}.
     */
    public void primingScope(Runnable work) {
        guard.during(work);
    }

    /**
     * Inside {@link #primingScope}: runs a write whose request is built, marshalled and signed, then
     * stopped before it is sent. It warms the write path of the first real invocation.
     *
     * @throws IllegalStateException outside the priming scope (without running the write), or when the
     *                               write was not stopped
     */
    public void rehearseWrite(Runnable write) {
        guard.rehearse(write);
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .addExecutionInterceptor(guard)
                .build();
    }
}
