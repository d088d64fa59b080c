package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketFolderTest {

    @TempDir
    Path lake;

    private BucketFolder bucket;

    @BeforeEach
    void setUp() {
        bucket = new BucketFolder("analyticsbucket", lake.resolve("analyticsbucket"), lake.resolve(".incoming"));
    }

    static void put(BucketFolder bucket, String key, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Length", Integer.toString(bytes.length));
        bucket.put(key, new IncomingObject(headers::get), new ByteArrayInputStream(bytes));
    }

    @Test
    void aPutObject_isAFileOfTheBucketsFolder_withItsMd5AsETag() throws IOException {
        put(bucket, "draws/e1/d1/winners.txt", "hello");

        assertThat(lake.resolve("analyticsbucket/draws/e1/d1/winners.txt")).hasContent("hello");
        BucketFolder.StoredObject found = bucket.find("draws/e1/d1/winners.txt").orElseThrow();
        assertThat(found.size()).isEqualTo(5);
        assertThat(found.etag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(lake.resolve(".incoming")).isEmptyDirectory();
    }

    @Test
    void aFileWrittenByAnotherHand_isAnObjectToo() throws IOException {
        Path firehose = lake.resolve("analyticsbucket/records/dt=2026-12-07/stream-1.gz");
        Files.createDirectories(firehose.getParent());
        Files.writeString(firehose, "hello");

        assertThat(bucket.find("records/dt=2026-12-07/stream-1.gz")).get()
                .extracting(BucketFolder.StoredObject::etag).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(bucket.keys("records/")).containsExactly("records/dt=2026-12-07/stream-1.gz");
    }

    @Test
    void aPutReplacesTheObject() throws IOException {
        put(bucket, "a.txt", "first");
        put(bucket, "a.txt", "second, longer");

        assertThat(bucket.find("a.txt").orElseThrow().size()).isEqualTo(14);
    }

    @Test
    void delete_removesTheObject_andTheFoldersItLeavesEmpty_butNotTheBucket() throws IOException {
        put(bucket, "draws/e1/d1/draw.json", "{}");
        put(bucket, "draws/e2/d1/draw.json", "{}");

        bucket.delete("draws/e1/d1/draw.json");
        bucket.delete("draws/e1/d1/draw.json");

        assertThat(bucket.find("draws/e1/d1/draw.json")).isEmpty();
        assertThat(lake.resolve("analyticsbucket/draws/e1")).doesNotExist();
        assertThat(lake.resolve("analyticsbucket/draws/e2/d1/draw.json")).exists();
        bucket.delete("draws/e2/d1/draw.json");
        assertThat(lake.resolve("analyticsbucket")).isEmptyDirectory();
    }

    @Test
    void aFolderOfKeys_isNoObject_andCannotBecomeOne() throws IOException {
        put(bucket, "draws/e1/draw.json", "{}");

        assertThat(bucket.find("draws/e1")).isEmpty();
        assertThatThrownBy(() -> put(bucket, "draws/e1", "x"))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(400));
        assertThatThrownBy(() -> put(bucket, "draws/e1/draw.json/inner", "x"))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(400));
        assertThat(bucket.keys("")).containsExactly("draws/e1/draw.json");
    }

    @Test
    void keys_ofAMissingBucketFolder_orAnImpossiblePrefix_areNone() throws IOException {
        assertThat(bucket.keys("")).isEmpty();
        put(bucket, "a/b.txt", "x");
        assertThat(bucket.keys("../")).isEmpty();
        assertThat(bucket.keys("a/")).containsExactly("a/b.txt");
        assertThat(bucket.keys("a/c")).isEmpty();
    }
}
