package com.rushgate.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.aws.S3DrawResults;
import com.rushgate.core.aws.S3Objects;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.GlueTableSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * The Draw function's announcement, as {@link S3DrawResults} puts it, is what the Glue table
 * raffle_draws reads: every declared column is a field of the line, and the question answers from
 * the very bytes the function sends. The S3 calls are the functions' own, down to the signed request
 * they send; only the transport is replaced, by one that keeps each PUT's bytes at its key in the lake
 * (socket-free, as a *Test must be).
 */
class DrawAnnouncementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @Test
    void announcedDraw_isALineOfTheDrawsTable_andTheQuestionReadsItsCounts() throws IOException {
        StackModel model = NamedQueriesTest.model();
        GlueTableSpec draws = model.glueTables().stream().filter(t -> t.name().equals("raffle_draws")).findFirst().orElseThrow();
        Path bucket = lake.resolve("analyticsbucket");
        KeptPuts puts = new KeptPuts(bucket);
        DrawSeed seed = DrawSeed.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        PublishedDraw draw = new PublishedDraw("raffle-x", 3, seed.commitment(), seed.hex(),
                Instant.parse("2026-11-24T12:00:00Z"), Instant.parse("2026-11-24T12:00:42.125Z"), 7,
                List.of(id('a'), id('b'), id('c')), List.of(id('d')), "draws/raffle-x/20261124T120042Z-1a2b3c4d/");

        S3Objects s3 = new S3Objects(puts, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                URI.create("https://s3.rushgate.test"), pause -> { });
        new S3DrawResults(s3, "analyticsbucket", MutableClock.at("2026-11-24T12:00:42.125Z")).announce(draw);

        Path line = LakeAnalytics.folder(lake, draws.location()).resolve("raffle-x.json");
        JsonNode announced = JSON.readTree(Files.readString(line));
        assertThat(draws.columns().keySet()).as("every column of raffle_draws is a field the Draw function writes")
                .allSatisfy(column -> assertThat(announced.has(column)).as(column).isTrue());
        try (LakeAnalytics analytics = LakeAnalytics.open(model, lake)) {
            Map<String, Object> row = analytics.ask(analytics.question("raffle_draws")).asMaps().get(0);

            assertThat(row).containsEntry("event_id", "raffle-x").containsEntry("capacity", 3L).containsEntry("entries", 7L)
                    .containsEntry("winners", 3L).containsEntry("not_drawn", 4L).containsEntry("excluded", 1L)
                    .containsEntry("closes_at", "2026-11-24T12:00:00.000Z").containsEntry("seconds_close_to_draw", 42.125)
                    .containsEntry("won_in_lake", 0L);
        }
    }

    private static RequestId id(char c) {
        return new RequestId("rq_" + String.valueOf(c).repeat(32));
    }

    /** An HTTP transport that stores each PUT's body at its key under the bucket's folder and answers 200. */
    private static final class KeptPuts implements SdkHttpClient {
        private final Path bucket;

        KeptPuts(Path bucket) {
            this.bucket = bucket;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    assertThat(request.httpRequest().method()).isEqualTo(SdkHttpMethod.PUT);
                    assertThat(request.httpRequest().firstMatchingHeader("Content-Encoding")).as("a plain body").isEmpty();
                    byte[] body;
                    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                        body = in.readAllBytes();
                    }
                    // path-style: /bucket/key
                    String key = request.httpRequest().encodedPath().replaceFirst("^/analyticsbucket/", "");
                    Path file = bucket.resolve(key);
                    Files.createDirectories(file.getParent());
                    Files.write(file, body);
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    headers.put("ETag", List.of("\"" + md5(body) + "\""));
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).headers(headers).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(new byte[0])))
                            .build();
                }

                @Override
                public void abort() {
                    // nothing runs in the background to stop
                }
            };
        }

        @Override
        public void close() {
            // no connections to close
        }

        private static String md5(byte[] body) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
            } catch (NoSuchAlgorithmException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
