package com.rushgate.local.limits;

import com.rushgate.local.emulator.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint on 127.0.0.1 that speaks DynamoDB's JSON protocol ({@code X-Amz-Target:
 * DynamoDB_20120810.*}) and puts {@link DynamoDbLimits} in front of DynamoDB Local. Any client
 * pointed at it (the functions, the bench, the aws CLI, boto3) meets AWS's limits and its error
 * bodies, and its SDK's own retry logic handles them. It runs on the Jetty that DynamoDB Local
 * and the gateway already bring.
 */
public final class DynamoDbLimitsProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLimitsProxy.class);
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final Server server;
    private final int port;
    private final HttpClient http;
    private final URI target;
    private final DynamoDbLimits limits;

    /**
     * @param dynamoDbLocal  where admitted calls go
     * @param warmThroughput per table, {write, read} units per second from the template's WarmThroughput
     * @param port           0 picks a free port
     */
    public static DynamoDbLimitsProxy start(AwsLimits limits, URI dynamoDbLocal, Map<String, double[]> warmThroughput,
                                            String region, String account, int port) {
        return new DynamoDbLimitsProxy(limits, dynamoDbLocal, warmThroughput, region, account, port, System::nanoTime);
    }

    /** For tests: the buckets refill by {@code nanos}, a clock the test moves. */
    public static DynamoDbLimitsProxy start(AwsLimits limits, URI dynamoDbLocal, Map<String, double[]> warmThroughput,
                                            String region, String account, int port, LongSupplier nanos) {
        return new DynamoDbLimitsProxy(limits, dynamoDbLocal, warmThroughput, region, account, port, nanos);
    }

    private DynamoDbLimitsProxy(AwsLimits awsLimits, URI dynamoDbLocal, Map<String, double[]> warmThroughput,
                                String region, String account, int port, LongSupplier nanos) {
        this.target = dynamoDbLocal;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.limits = new DynamoDbLimits(awsLimits, this::forward, warmThroughput, nanos, region, account);
        this.port = port > 0 ? port : FreePorts.pick();
        QueuedThreadPool pool = new QueuedThreadPool(256, 8);
        pool.setName("dynamodb-limits");
        pool.setDaemon(true);
        this.server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(this.port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return serve(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the DynamoDB limits proxy cannot listen on 127.0.0.1:" + this.port
                    + ": " + e.getMessage(), e);
        }
    }

    private boolean serve(Request request, Response response, Callback callback) {
        Backend.Reply reply;
        try {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY_BYTES);
            }
            reply = limits.handle(request.getHeaders().get("X-Amz-Target"), body,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the DynamoDB limits proxy failed on a call: {}", e.toString());
            reply = new Backend.Reply(500, ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                    + "\"message\":\"" + e.getClass().getSimpleName() + "\"}").getBytes());
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_1_0);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    private Backend.Reply forward(String operation, byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", JSON_1_0).header("X-Amz-Target", operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Backend.Reply(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local did not answer " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling DynamoDB Local", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public LimitsCounters.Snapshot counters() {
        return limits.counters();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the DynamoDB limits proxy did not stop cleanly: {}", e.toString());
        }
    }
}
