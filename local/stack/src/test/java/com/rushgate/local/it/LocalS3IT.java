package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.s3.LocalS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The local S3 through the real SDK v2 S3Client, path-style, as the aws CLI and the SDKs call it. */
class LocalS3IT {

    private static final String BUCKET = "analyticsbucket";
    private static Path lake;
    private static LocalS3 s3;
    private static S3Client client;
    private static S3Client plainClient;
    private static final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        lake = TestStacks.tempDir("rushgate-s3-it");
        s3 = LocalS3.start(Map.of(BUCKET, lake.resolve(BUCKET)), lake.resolve(".incoming"), 0);
        client = client(RequestChecksumCalculation.WHEN_SUPPORTED, true);
        plainClient = client(RequestChecksumCalculation.WHEN_REQUIRED, false);
    }

    /**
     * The SDK's defaults (WHEN_SUPPORTED, chunked): a trailing CRC over an aws-chunked body with
     * signed chunks; WHEN_REQUIRED without chunked encoding: a plain body with its SHA-256 signed.
     */
    private static S3Client client(RequestChecksumCalculation checksums, boolean chunked) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(chunked).build())
                .requestChecksumCalculation(checksums)
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        sent.add(context.httpRequest());
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        plainClient.close();
        s3.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
    }

    private static SdkHttpRequest lastSent(String method, String key) {
        return sent.stream().filter(r -> r.method().name().equals(method) && r.encodedPath().endsWith(key))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void aMultiMegabyteUpload_isSentAwsChunkedWithATrailingChecksum_andStoredAsItsBytes() throws Exception {
        byte[] payload = random(6 * 1024 * 1024 + 123, 1);
        Path source = lake.resolveSibling(lake.getFileName() + "-upload.bin");
        Files.write(source, payload);

        PutObjectResponse put = client.putObject(b -> b.bucket(BUCKET).key("big/upload.bin"), RequestBody.fromFile(source));

        SdkHttpRequest request = lastSent("PUT", "big/upload.bin");
        assertThat(request.firstMatchingHeader("x-amz-content-sha256")).get().asString().startsWith("STREAMING-");
        assertThat(request.firstMatchingHeader("x-amz-trailer")).get().asString().startsWith("x-amz-checksum-");
        assertThat(put.eTag()).isEqualTo(md5(payload));
        assertThat(Files.readAllBytes(lake.resolve(BUCKET).resolve("big").resolve("upload.bin"))).isEqualTo(payload);
        ResponseBytes<GetObjectResponse> back = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("big/upload.bin"));
        assertThat(back.asByteArray()).isEqualTo(payload);
        assertThat(back.response().eTag()).isEqualTo(put.eTag());
    }

    @Test
    void aPlainUpload_isStoredToo() throws Exception {
        PutObjectResponse put = plainClient.putObject(b -> b.bucket(BUCKET).key("plain/hello.txt"),
                RequestBody.fromString("hello", StandardCharsets.UTF_8));

        SdkHttpRequest request = lastSent("PUT", "plain/hello.txt");
        assertThat(request.firstMatchingHeader("x-amz-content-sha256")).get().asString().matches("[0-9a-f]{64}");
        assertThat(put.eTag()).isEqualTo(md5("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain/hello.txt")).asUtf8String()).isEqualTo("hello");
    }

    @Test
    void aRangedGet_isA206OfThoseBytes_andARangePastTheEndIs416InvalidRange() throws Exception {
        byte[] payload = random(3 * 1024 * 1024, 2);
        client.putObject(b -> b.bucket(BUCKET).key("ranged/object.bin"), RequestBody.fromBytes(payload));

        ResponseBytes<GetObjectResponse> part = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged/object.bin")
                .range("bytes=1048576-1049599"));
        ResponseBytes<GetObjectResponse> tail = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged/object.bin")
                .range("bytes=-10"));

        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(payload, 1048576, 1049600));
        assertThat(part.response().contentRange()).isEqualTo("bytes 1048576-1049599/" + payload.length);
        assertThat(part.response().contentLength()).isEqualTo(1024);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(payload, payload.length - 10, payload.length));
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged/object.bin")
                .range("bytes=" + payload.length + "-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void headObject_givesSizeAndETag_andA404ForAMissingKey() throws Exception {
        client.putObject(b -> b.bucket(BUCKET).key("head/object.txt"), RequestBody.fromString("twelve bytes"));

        HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key("head/object.txt"));

        assertThat(head.contentLength()).isEqualTo(12);
        assertThat(head.eTag()).isEqualTo(md5("twelve bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(head.lastModified()).isNotNull();
        assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("head/missing.txt")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void getObject_ofAMissingKey_isNoSuchKey404_inS3sErrorShape() {
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(BUCKET).key("get/missing.txt")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void anUnknownBucket_isNoSuchBucket404() {
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("otherbucket").key("a.txt")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket("otherbucket")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.putObject(b -> b.bucket("otherbucket").key("a.txt"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(lake.resolve("otherbucket")).doesNotExist();
    }

    @Test
    void deleteObject_removesTheObject_andIsQuietForAMissingOne() {
        client.putObject(b -> b.bucket(BUCKET).key("delete/me.txt"), RequestBody.fromString("x"));

        client.deleteObject(b -> b.bucket(BUCKET).key("delete/me.txt"));
        client.deleteObject(b -> b.bucket(BUCKET).key("delete/me.txt"));

        assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("delete/me.txt")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(lake.resolve(BUCKET).resolve("delete")).doesNotExist();
    }

    @Test
    void listObjectsV2_pagesAPrefixWithContinuationTokens() {
        for (int i = 0; i < 5; i++) {
            String key = "list/item-" + i + " (+).txt";
            client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x".repeat(i)));
        }
        client.putObject(b -> b.bucket(BUCKET).key("listed-not/other.txt"), RequestBody.fromString("x"));

        ListObjectsV2Response first = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("list/").maxKeys(2));
        List<String> all = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("list/").maxKeys(2)).contents()
                .stream().map(S3Object::key).toList();

        assertThat(first.isTruncated()).isTrue();
        assertThat(first.keyCount()).isEqualTo(2);
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("list/item-0 (+).txt", "list/item-1 (+).txt");
        assertThat(first.contents()).extracting(S3Object::size).containsExactly(0L, 1L);
        assertThat(first.nextContinuationToken()).isNotBlank();
        ListObjectsV2Response second = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("list/").maxKeys(2)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("list/item-2 (+).txt", "list/item-3 (+).txt");
        assertThat(all).containsExactly("list/item-0 (+).txt", "list/item-1 (+).txt", "list/item-2 (+).txt",
                "list/item-3 (+).txt", "list/item-4 (+).txt");
    }

    @Test
    void keysThatWouldLeaveTheBucketsFolder_are400_andNothingIsWrittenOutside() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/" + BUCKET + "/%2E%2E/outside.txt", "/" + BUCKET + "/a/../../outside.txt",
                "/" + BUCKET + "//outside.txt")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + path))
                    .PUT(HttpRequest.BodyPublishers.ofString("escaped")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("<Code>InvalidArgument</Code>");
        }
        assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET).key("../outside.txt"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(lake.resolve("outside.txt")).doesNotExist();
        assertThat(lake.resolveSibling("outside.txt")).doesNotExist();
    }
}
