package com.rushgate.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
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
 * The gateway's HTTP server on 127.0.0.1 (Jetty): it reads each request into an
 * {@link IncomingRequest}, has the stage answer it and writes the {@link Answer} with its
 * {@code x-amzn-RequestId}. A failure of the stage itself is a 500 shaped like API Gateway's, and
 * what Jetty answers on its own (a request line it cannot parse) is JSON too ({@link JsonErrors}).
 * Requests under a mounted prefix ({@link MountedHandler}) go to their handler instead of the stage.
 */
final class GatewayServer implements AutoCloseable {

    /** What answers each request. */
    interface Stage {
        Answer answer(IncomingRequest request) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Jetty's own header limit; between the stage's limit and this, the stage answers 413 itself. */
    private static final int SERVER_HEADER_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Stage stage;
    private final GatewayResponses responses;
    private final AtomicLong requests = new AtomicLong();
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();

    private record Mount(String prefix, MountedHandler handler) {

        boolean covers(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    /**
     * Listens at once.
     *
     * @throws IllegalStateException if it cannot listen on the port
     */
    GatewayServer(int port, int threads, Stage stage, GatewayResponses responses) {
        this.stage = stage;
        this.responses = responses;
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
        pool.setName("gateway");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(SERVER_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Paths reach the routes as sent (encoded separators, dot segments): the functions judge them, as behind API Gateway.
        http.setUriCompliance(UriCompliance.UNSAFE);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return serve(request, response, callback);
            }
        });
        server.setErrorHandler(new JsonErrors(responses));
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** API requests received, whatever their answer; requests of mounted handlers are not counted. */
    long requests() {
        return requests.get();
    }

    /** Serves {@code prefix} (and every path below it) with {@code handler} from now on. */
    void mount(String prefix, MountedHandler handler) {
        mounts.add(new Mount(prefix, handler));
    }

    private boolean serve(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        for (Mount mount : mounts) {
            if (mount.covers(path)) {
                return serveMounted(mount, request, response, callback);
            }
        }
        requests.incrementAndGet();
        Answer answer;
        try {
            answer = stage.answer(incoming(request));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the gateway failed on {} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            answer = responses.answer("DEFAULT_5XX", 500, "Internal server error", UUID.randomUUID().toString());
        }
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.put("x-amzn-RequestId", answer.requestId());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private boolean serveMounted(Mount mount, Request request, Response response, Callback callback) {
        MountedHandler.Reply reply;
        try {
            IncomingRequest in = incoming(request);
            reply = mount.handler().handle(new MountedHandler.Call(in.method(), in.rawPath(), in.rawQuery(), in.headers(),
                    in.body()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} failed on {} {}: {}", mount.prefix(), request.getMethod(), request.getHttpURI().getPath(),
                    e.toString());
            reply = new MountedHandler.Reply(500, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    "Internal server error".getBytes(StandardCharsets.UTF_8));
        }
        response.setStatus(reply.status());
        reply.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /** The request as sent; the body read up to one byte past API Gateway's limit, which is enough to refuse it. */
    private static IncomingRequest incoming(Request request) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(ApiStage.MAX_BODY_BYTES + 1);
        }
        return new IncomingRequest(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers, body, Request.getRemoteAddr(request),
                Request.getLocalAddr(request) + ":" + Request.getLocalPort(request),
                request.getConnectionMetaData().getProtocol());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("gateway stop: {}", e.toString());
        }
    }
}
