package com.rushgate.core.aws;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.Pause;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The three S3 calls the draws need, GetObject (whole or a byte range) and PutObject, signed with
 * SigV4 by the SDK's signer and sent with the function's own HTTP client. The SDK's S3 client would
 * add 5.2 MB of model classes to every jar that publishes or serves draws, for these three calls.
 *
 * <p>Buckets are addressed by virtual host in AWS ({@code https://<bucket>.s3.<region>.amazonaws.com})
 * and by path under an endpoint override (the local stack's S3). Throttling, 5xx answers and I/O
 * failures are tried three times in all, then surface as {@link RetryableException}; any other
 * refusal (403, a missing bucket) is an {@link IllegalStateException} naming S3's error code.
 * While the function's priming guard is on (SnapStart priming), every call is built and signed, then
 * stopped before it is sent, reads included.
 */
public final class S3Objects {

    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Region region;
    private final URI endpoint;
    private final Pause pause;
    private final PrimingGuard guard;

    /**
     * @param endpoint the local S3's address (path-style requests), or null for AWS's regional endpoint
     */
    public S3Objects(SdkHttpClient http, Region region, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
                     URI endpoint, Pause pause) {
        this(http, region, credentials, endpoint, pause, new PrimingGuard());
    }

    /** With the priming guard of the function's clients: while it is on, no S3 call is sent. */
    S3Objects(SdkHttpClient http, Region region, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
              URI endpoint, Pause pause, PrimingGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.http = Objects.requireNonNull(http, "http");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = endpoint;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** The whole object; empty when there is no such key. */
    public Optional<byte[]> get(String bucket, String key) {
        return get(bucket, key, null);
    }

    /**
     * Bytes {@code first} to {@code last} (inclusive) of the object, fewer at its end, none when the
     * range starts past it; empty when there is no such key.
     */
    public Optional<byte[]> getRange(String bucket, String key, long first, long last) {
        return get(bucket, key, "bytes=" + first + "-" + last);
    }

    public void put(String bucket, String key, byte[] body, String contentType) {
        send(SdkHttpMethod.PUT, bucket, key, null, contentType, body.length, () -> new ByteArrayInputStream(body));
    }

    /** Puts a file in one request (S3 takes up to 5 GB so); it is read twice, to hash it and to send it. */
    public void put(String bucket, String key, Path file, String contentType) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        send(SdkHttpMethod.PUT, bucket, key, null, contentType, size, () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    private Optional<byte[]> get(String bucket, String key, String range) {
        Answer answer = send(SdkHttpMethod.GET, bucket, key, range, null, -1, null);
        return switch (answer.status) {
            case 404 -> Optional.empty();
            case 416 -> Optional.of(new byte[0]);
            default -> Optional.of(answer.body);
        };
    }

    private Answer send(SdkHttpMethod method, String bucket, String key, String range, String contentType, long length,
                        ContentStreamProvider body) {
        String what = (method == SdkHttpMethod.GET ? "GetObject " : "PutObject ") + bucket + "/" + key;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = once(method, bucket, key, range, contentType, length, body);
            } catch (IOException | UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new RetryableException(what + " failed: " + e.getMessage(), e);
                }
                pause.pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            int status = answer.status;
            if (status / 100 == 2 || (method == SdkHttpMethod.GET && (status == 404 || status == 416))) {
                return answer;
            }
            String code = errorCode(answer.body);
            if (status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code)) {
                if (attempt == ATTEMPTS) {
                    throw new RetryableException(what + " failed: " + status + " " + code);
                }
                pause.pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw new IllegalStateException(what + " was refused: " + status + " " + code);
        }
    }

    private Answer once(SdkHttpMethod method, String bucket, String key, String range, String contentType, long length,
                        ContentStreamProvider body) throws IOException {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(address(bucket, key));
        if (range != null) {
            request.putHeader("Range", range);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        if (length >= 0) {
            request.putHeader("Content-Length", Long.toString(length));
        }
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = signer.sign(sign -> {
            sign.identity(identity)
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                    // S3 signs the path as sent: no double encoding, no normalisation.
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
            if (body != null) {
                sign.payload(body);
            }
        });
        if (guard.on()) {
            // SnapStart priming: signed (the warm-up), never sent, reads included.
            throw new PrimingGuard.Stopped("S3 " + (method == SdkHttpMethod.GET ? "GetObject" : "PutObject"));
        }
        HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed.request());
        signed.payload().ifPresent(execute::contentStreamProvider);
        HttpExecuteResponse response = http.prepareRequest(execute.build()).call();
        byte[] bytes;
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isPresent()) {
            try (InputStream in = stream.get()) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = new byte[0];
        }
        return new Answer(response.httpResponse().statusCode(), bytes);
    }

    URI address(String bucket, String key) {
        String path = SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        if (endpoint != null) {
            String base = endpoint.toString().replaceAll("/+$", "");
            return URI.create(base + "/" + bucket + "/" + path);
        }
        return URI.create("https://" + bucket + ".s3." + region.id() + ".amazonaws.com/" + path);
    }

    private static String errorCode(byte[] body) {
        Matcher matcher = ERROR_CODE.matcher(new String(body, StandardCharsets.UTF_8));
        return matcher.find() ? matcher.group(1) : "(no error code)";
    }

    private record Answer(int status, byte[] body) {
    }
}
