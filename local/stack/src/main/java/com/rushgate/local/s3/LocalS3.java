package com.rushgate.local.s3;

import com.rushgate.local.s3.BucketFolder.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * An S3 endpoint on 127.0.0.1 for the template's buckets, each a folder of the local lake
 * ({@link BucketFolder}), addressed by path ({@code /bucket/key}) as the SDK does with
 * {@code forcePathStyle}: PutObject (a plain body, or aws-chunked with chunk signatures and a
 * trailing checksum), GetObject with a Range (206; 416 when it cannot be met), HeadObject,
 * DeleteObject, HeadBucket and ListObjectsV2. Errors have S3's XML shape. Signatures are not
 * checked; any credentials work. Other operations answer 501 NotImplemented.
 */
public final class LocalS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalS3.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Subresources of an object or a bucket that name an operation this endpoint does not serve. */
    private static final Set<String> UNSERVED = Set.of("acl", "tagging", "uploads", "uploadId", "partNumber",
            "versionId", "versioning", "policy", "cors", "lifecycle", "location", "attributes", "retention",
            "legal-hold", "restore", "select", "torrent", "delete", "website", "encryption", "notification");

    private final Map<String, BucketFolder> buckets = new LinkedHashMap<>();
    private final Server server;
    private final ServerConnector connector;

    private LocalS3(Map<String, Path> buckets, Path staging, int port) {
        buckets.forEach((name, folder) -> this.buckets.put(name, new BucketFolder(name, folder, staging)));
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("local-s3");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Keys reach the handler as sent: dot segments and encoded separators are judged by ObjectKey, not resolved.
        http.setUriCompliance(UriCompliance.UNSAFE);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    /**
     * Starts serving.
     *
     * @param buckets each bucket's name and folder; a folder is created with its first object
     * @param staging where puts are written before they are renamed into their bucket: outside every
     *                bucket, on the same file system
     * @param port    0 picks a free one
     */
    public static LocalS3 start(Map<String, Path> buckets, Path staging, int port) {
        LocalS3 s3 = new LocalS3(buckets, staging, port);
        try {
            s3.server.start();
        } catch (Exception e) {
            s3.close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " for S3: " + e.getMessage(), e);
        }
        return s3;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private void serve(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", requestId);
        String resource = request.getHttpURI().getPath();
        try {
            resource = decodePath(resource);
            handle(request, response, resource);
            callback.succeeded();
        } catch (S3Error error) {
            fail(request, response, callback, error, resource, requestId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("local S3 failed on {} {}: {}", request.getMethod(), resource, e.toString());
            fail(request, response, callback, new S3Error(500, "InternalError",
                    "We encountered an internal error. Please try again. (" + e + ")", Map.of()), resource, requestId);
        }
    }

    private void fail(Request request, Response response, Callback callback, S3Error error, String resource,
                      String requestId) {
        if (response.isCommitted()) {
            callback.failed(error);
            return;
        }
        response.setStatus(error.status());
        response.getHeaders().remove("Content-Range");
        response.getHeaders().remove("ETag");
        if (request.getMethod().equals("HEAD")) {
            // S3 answers a HEAD's error with its status and no body; the SDK reads the status.
            response.getHeaders().put("Content-Length", "0");
            callback.succeeded();
            return;
        }
        byte[] body = S3Xml.error(error, resource, requestId);
        response.getHeaders().put("Content-Type", "application/xml");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private void handle(Request request, Response response, String path) throws IOException {
        Map<String, String> query = query(request.getHttpURI().getQuery());
        String method = request.getMethod();
        int slash = path.indexOf('/', 1);
        String bucketName = slash < 0 ? path.substring(1) : path.substring(1, slash);
        if (bucketName.isEmpty()) {
            throw S3Error.notImplemented(method + " / (ListBuckets)");
        }
        BucketFolder bucket = buckets.get(bucketName);
        if (bucket == null) {
            throw S3Error.noSuchBucket(bucketName);
        }
        for (String name : query.keySet()) {
            if (UNSERVED.contains(name)) {
                throw S3Error.notImplemented(method + " ?" + name);
            }
        }
        String key = slash < 0 ? "" : path.substring(slash + 1);
        if (key.isEmpty()) {
            switch (method) {
                case "HEAD" -> response.setStatus(200);
                case "GET" -> {
                    if (!"2".equals(query.get("list-type"))) {
                        throw S3Error.notImplemented("GET /" + bucketName + " without list-type=2 (ListObjects v1)");
                    }
                    xml(response, ListObjectsV2.answer(bucket, query));
                }
                default -> throw S3Error.notImplemented(method + " /" + bucketName);
            }
            return;
        }
        switch (method) {
            case "PUT" -> put(request, response, bucket, key);
            case "GET", "HEAD" -> get(request, response, bucket, key, method.equals("HEAD"));
            case "DELETE" -> {
                bucket.delete(key);
                response.setStatus(204);
            }
            default -> throw S3Error.notImplemented(method + " on an object");
        }
    }

    private static void put(Request request, Response response, BucketFolder bucket, String key) throws IOException {
        HttpFields fields = request.getHeaders();
        if (fields.get("x-amz-copy-source") != null) {
            throw S3Error.notImplemented("CopyObject");
        }
        IncomingObject incoming = new IncomingObject(fields::get);
        IncomingObject.Written written;
        try (InputStream body = Content.Source.asInputStream(request)) {
            written = bucket.put(key, incoming, body);
        }
        response.setStatus(200);
        response.getHeaders().put("ETag", "\"" + written.md5Hex() + "\"");
        written.checksum().ifPresent(checksum -> response.getHeaders().put(checksum.header(), written.checksumValue()));
    }

    private static void get(Request request, Response response, BucketFolder bucket, String key, boolean head)
            throws IOException {
        StoredObject object = bucket.find(key).orElseThrow(() -> S3Error.noSuchKey(key));
        Optional<ByteRange> range = ByteRange.resolve(request.getHeaders().get("Range"), object.size());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("ETag", object.etag());
        headers.put("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.put("Accept-Ranges", "bytes");
        headers.put("Content-Type", "binary/octet-stream");
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(object.size());
        response.setStatus(range.isPresent() ? 206 : 200);
        range.ifPresent(r -> headers.put("Content-Range", r.contentRange(object.size())));
        headers.put("Content-Length", Long.toString(length));
        if (head || length == 0) {
            return;
        }
        try (FileChannel file = FileChannel.open(object.file());
             OutputStream out = Content.Sink.asOutputStream(response)) {
            InputStream in = Channels.newInputStream(file.position(first));
            long left = length;
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(key + " became shorter while it was sent");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static void xml(Response response, byte[] body) throws IOException {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "application/xml");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
    }

    /** The path as the client meant it: percent-decoded, a {@code +} kept as itself. */
    static String decodePath(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw S3Error.invalidArgument("the path is not well percent-encoded: " + raw);
        }
    }

    /** The query's parameters, decoded; a parameter without a value has an empty one. */
    static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                throw S3Error.invalidArgument("the query is not well percent-encoded: " + raw);
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("local S3 stop: {}", e.toString());
        }
    }
}
