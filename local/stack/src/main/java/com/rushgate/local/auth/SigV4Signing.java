package com.rushgate.local.auth;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a request to an API Gateway REST API ({@code execute-api}, or another service's query API)
 * with SigV4, as the aws CLI and
 * the SDKs do, so the admin routes can be called with IAM credentials: the local operator key
 * against the local stack, the default credential chain against a deployed stack. The SDK's
 * signer does the work; this only adapts an HTTP request to it and back.
 */
public final class SigV4Signing {

    public static final String SERVICE = "execute-api";
    /** Headers the JDK's HTTP client sets itself and refuses from its caller. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String service;
    private final String region;
    private final Clock clock;

    /**
     * Signs for {@code execute-api}.
     *
     * @param region the Region of the API (the local stack's region locally)
     * @param clock  the signing time (the signature is valid for 15 minutes around it)
     */
    public SigV4Signing(String region, Clock clock) {
        this(SERVICE, region, clock);
    }

    /**
     * @param service the signing name of the service called ({@code execute-api}, {@code cloudformation}...)
     */
    public SigV4Signing(String service, String region, Clock clock) {
        this.service = service;
        this.region = region;
        this.clock = clock;
    }

    /** Credentials of the local operator key. */
    public static AwsCredentialsIdentity credentials(OperatorKey key) {
        return AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey());
    }

    /**
     * The headers to send with the request, the caller's own and the signature's
     * ({@code Authorization}, {@code X-Amz-Date}, {@code x-amz-content-sha256}, {@code Host} and,
     * for session credentials, {@code X-Amz-Security-Token}).
     *
     * @param headers the headers the caller sends and wants signed (Content-Type, say)
     * @param body    the body, empty for none
     */
    public Map<String, List<String>> sign(String method, URI uri, Map<String, List<String>> headers, byte[] body,
                                          AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(sign -> sign.identity(credentials)
                .request(request.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return new LinkedHashMap<>(signed.request().headers());
    }

    /**
     * A request for the JDK's HTTP client, signed as {@link #sign} signs it. The headers the client
     * sets itself (Host, Content-Length) are left to it: it sets the values the signature covers.
     */
    public HttpRequest.Builder request(String method, URI uri, Map<String, List<String>> headers, byte[] body,
                                       AwsCredentialsIdentity credentials, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        sign(method, uri, headers, body, credentials).forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request;
    }
}
