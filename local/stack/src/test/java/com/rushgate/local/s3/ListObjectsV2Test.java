package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListObjectsV2Test {

    @TempDir
    Path lake;

    private BucketFolder bucket;

    @BeforeEach
    void setUp() throws IOException {
        bucket = new BucketFolder("analyticsbucket", lake.resolve("analyticsbucket"), lake.resolve(".incoming"));
        for (int i = 0; i < 7; i++) {
            BucketFolderTest.put(bucket, "draws/e1/d1/part-" + i + ".txt", "x".repeat(i));
        }
        BucketFolderTest.put(bucket, "records/dt=2026-12-07/a b+c.gz", "gz");
    }

    private String list(Map<String, String> query) throws IOException {
        return new String(ListObjectsV2.answer(bucket, query), StandardCharsets.UTF_8);
    }

    private static List<String> all(String xml, String element) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(xml);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    @Test
    void continuationTokens_walkEveryKeyOfThePrefix_pageByPage() throws IOException {
        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        String xml;
        do {
            Map<String, String> query = new HashMap<>(Map.of("list-type", "2", "prefix", "draws/", "max-keys", "3"));
            if (token != null) {
                query.put("continuation-token", token);
            }
            xml = list(query);
            keys.addAll(all(xml, "Key"));
            List<String> next = all(xml, "NextContinuationToken");
            token = next.isEmpty() ? null : next.get(0);
            pages++;
        } while (xml.contains("<IsTruncated>true</IsTruncated>"));

        assertThat(pages).isEqualTo(3);
        assertThat(token).isNull();
        assertThat(keys).containsExactly("draws/e1/d1/part-0.txt", "draws/e1/d1/part-1.txt", "draws/e1/d1/part-2.txt",
                "draws/e1/d1/part-3.txt", "draws/e1/d1/part-4.txt", "draws/e1/d1/part-5.txt", "draws/e1/d1/part-6.txt");
    }

    @Test
    void aPage_saysItsCountsAndEachObjectsSizeAndETag() throws IOException {
        String xml = list(Map.of("list-type", "2", "prefix", "draws/e1/d1/part-3", "max-keys", "5000"));

        assertThat(xml).startsWith("<?xml").contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Name>analyticsbucket</Name>").contains("<KeyCount>1</KeyCount>")
                .contains("<MaxKeys>1000</MaxKeys>").contains("<IsTruncated>false</IsTruncated>")
                .contains("<Size>3</Size>").contains("<StorageClass>STANDARD</StorageClass>");
        assertThat(all(xml, "ETag")).singleElement().asString().matches("&quot;[0-9a-f]{32}&quot;");
        assertThat(all(xml, "LastModified")).singleElement().asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void delimiter_givesCommonPrefixes() throws IOException {
        String xml = list(Map.of("list-type", "2", "delimiter", "/"));

        assertThat(all(xml, "Prefix")).contains("draws/", "records/");
        assertThat(all(xml, "Key")).isEmpty();
    }

    @Test
    void encodingTypeUrl_percentEncodesKeys() throws IOException {
        String xml = list(Map.of("list-type", "2", "prefix", "records/", "encoding-type", "url"));

        assertThat(all(xml, "Key")).containsExactly("records/dt%3D2026-12-07/a%20b%2Bc.gz");
        assertThat(xml).contains("<EncodingType>url</EncodingType>");
    }

    @Test
    void aTokenThisEndpointDidNotGive_orABadMaxKeys_isInvalidArgument() {
        assertThatThrownBy(() -> list(Map.of("list-type", "2", "continuation-token", "***")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.code()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> list(Map.of("list-type", "2", "max-keys", "-1")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(400));
        assertThatThrownBy(() -> list(Map.of("list-type", "2", "max-keys", "many")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(400));
    }

    @Test
    void theErrorShape_isS3s() {
        String xml = new String(S3Xml.error(S3Error.noSuchKey("a<b"), "/analyticsbucket/a<b", "REQ1"),
                StandardCharsets.UTF_8);

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message><Key>a&lt;b</Key>"
                + "<Resource>/analyticsbucket/a&lt;b</Resource><RequestId>REQ1</RequestId><HostId>REQ1</HostId></Error>");
    }
}
