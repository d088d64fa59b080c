package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.RetryableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

class S3ObjectsTest {

    @TempDir
    Path temp;

    private final Transport transport = new Transport();
    private final List<Duration> pauses = new ArrayList<>();

    private S3Objects objects(URI endpoint) {
        return new S3Objects(transport, Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), endpoint, pauses::add);
    }

    @Test
    void get_inAws_addressesTheBucketByVirtualHost_andSignsForS3InItsRegion() {
        transport.answer(200, "hello");

        assertThat(objects(null).get("lake-bucket", "draws/e-1/entries.txt")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("hello"));

        Sent sent = transport.sent.get(0);
        assertThat(sent.uri).isEqualTo(URI.create("https://lake-bucket.s3.eu-west-1.amazonaws.com/draws/e-1/entries.txt"));
        assertThat(sent.authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/s3/aws4_request", "SignedHeaders=", "x-amz-content-sha256");
    }

    @Test
    void getRange_withAnEndpoint_addressesByPath_sendsTheRange_andReadsPastTheEndAsNoBytes() {
        transport.answer(416, "<Error><Code>InvalidRange</Code></Error>");

        assertThat(objects(URI.create("http://127.0.0.1:4569/")).getRange("lake", "draws/e 1/w.txt", 37, 73))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());

        Sent sent = transport.sent.get(0);
        assertThat(sent.uri).isEqualTo(URI.create("http://127.0.0.1:4569/lake/draws/e%201/w.txt"));
        assertThat(sent.range).isEqualTo("bytes=37-73");
    }

    @Test
    void get_ofAMissingKey_isEmpty() {
        transport.answer(404, "<Error><Code>NoSuchKey</Code></Error>");

        assertThat(objects(null).get("lake", "draws/none/draw.json")).isEmpty();
    }

    @Test
    void put_ofAFile_sendsItsLengthAndBytes() throws IOException {
        Path file = Files.writeString(temp.resolve("entries.txt"), "a\nb\n");
        transport.answer(200, "");

        objects(null).put("lake", "draws/e/entries.txt", file, "text/plain");

        Sent sent = transport.sent.get(0);
        assertThat(sent.method).isEqualTo("PUT");
        assertThat(sent.contentLength).isEqualTo("4");
        assertThat(sent.body).isEqualTo("a\nb\n");
    }

    @Test
    void slowDown_isTriedThreeTimesWithGrowingPauses_thenRetryable() {
        for (int i = 0; i < 3; i++) {
            transport.answer(503, "<Error><Code>SlowDown</Code></Error>");
        }

        assertThatThrownBy(() -> objects(null).put("lake", "k", new byte[] {1}, "application/octet-stream"))
                .isInstanceOf(RetryableException.class).hasMessageContaining("503 SlowDown");
        assertThat(transport.sent).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void aServerErrorOnce_thenSuccess_isOneCallToTheCaller() {
        transport.answer(500, "<Error><Code>InternalError</Code></Error>");
        transport.answer(200, "ok");

        assertThat(objects(null).get("lake", "k")).isPresent();
        assertThat(transport.sent).hasSize(2);
    }

    @Test
    void accessDenied_isNotRetried_andNamesS3sCode() {
        transport.answer(403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>");

        assertThatThrownBy(() -> objects(null).get("lake", "k")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("403 AccessDenied");
        assertThat(transport.sent).hasSize(1);
    }

    @Test
    void whilePriming_everyCallIsSignedButNoneIsSent() {
        PrimingGuard guard = new PrimingGuard();
        S3Objects objects = new S3Objects(transport, Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), null, pauses::add, guard);

        guard.during(() -> {
            guard.rehearse(() -> objects.get("lake", "draws/e/draw.json"));
            guard.rehearse(() -> objects.put("lake", "draws/e/draw.json", new byte[] {1}, "application/json"));
        });

        assertThat(transport.sent).isEmpty();
    }

    private record Sent(String method, URI uri, String authorization, String range, String contentLength, String body) {
    }

    /** Answers from a script and keeps what was sent; no socket. */
    private static final class Transport implements SdkHttpClient {
        private final Deque<HttpExecuteResponse> answers = new ArrayDeque<>();
        final List<Sent> sent = new ArrayList<>();

        void answer(int status, String body) {
            answers.add(HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder().statusCode(status).build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .build());
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    String body = request.contentStreamProvider().map(provider -> {
                        try (InputStream in = provider.newStream()) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).orElse(null);
                    sent.add(new Sent(request.httpRequest().method().name(), request.httpRequest().getUri(),
                            request.httpRequest().firstMatchingHeader("Authorization").orElse(null),
                            request.httpRequest().firstMatchingHeader("Range").orElse(null),
                            request.httpRequest().firstMatchingHeader("Content-Length").orElse(null), body));
                    return answers.removeFirst();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
