package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingObjectTest {

    @TempDir
    Path dir;

    private static final byte[] PAYLOAD = "entry-1\nentry-2\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    private static IncomingObject incoming(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return new IncomingObject(byName::get);
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static Map<String, String> streamingHeaders() {
        return Map.of("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", Integer.toString(PAYLOAD.length),
                "x-amz-trailer", "x-amz-checksum-crc32");
    }

    @Test
    void aChunkedBody_withItsTrailingChecksum_isStoredDecoded() throws Exception {
        byte[] body = AwsChunkedInputStreamTest.chunked(PAYLOAD, 8192, "x-amz-checksum-crc32:" + crc32(PAYLOAD));
        Path file = dir.resolve("object");

        IncomingObject.Written written = incoming(streamingHeaders()).writeTo(new ByteArrayInputStream(body), file);

        assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
        assertThat(written.size()).isEqualTo(PAYLOAD.length);
        assertThat(written.md5Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(PAYLOAD)));
        assertThat(written.checksum()).contains(PayloadChecksum.CRC32);
        assertThat(written.checksumValue()).isEqualTo(crc32(PAYLOAD));
    }

    @Test
    void aTrailingChecksumThatDoesNotMatch_isBadDigest() {
        byte[] body = AwsChunkedInputStreamTest.chunked(PAYLOAD, 8192, "x-amz-checksum-crc32:AAAAAA==");

        assertThatThrownBy(() -> incoming(streamingHeaders()).writeTo(new ByteArrayInputStream(body), dir.resolve("o")))
                .isInstanceOfSatisfying(S3Error.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo("BadDigest");
                });
    }

    @Test
    void anAnnouncedTrailerThatNeverCame_isRefused() {
        byte[] body = AwsChunkedInputStreamTest.chunked(PAYLOAD, 8192);

        assertThatThrownBy(() -> incoming(streamingHeaders()).writeTo(new ByteArrayInputStream(body), dir.resolve("o")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.getMessage()).contains("ended without it"));
    }

    @Test
    void fewerBytesThanTheDecodedLengthSays_isIncompleteBody() {
        Map<String, String> headers = new HashMap<>(streamingHeaders());
        headers.remove("x-amz-trailer");
        headers.put("x-amz-decoded-content-length", Integer.toString(PAYLOAD.length + 1));
        byte[] body = AwsChunkedInputStreamTest.chunked(PAYLOAD, 8192);

        assertThatThrownBy(() -> incoming(headers).writeTo(new ByteArrayInputStream(body), dir.resolve("o")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.code()).isEqualTo("IncompleteBody"));
    }

    @Test
    void aPlainBody_isCheckedAgainstContentMd5_andItsSignedSha256() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(PAYLOAD);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PAYLOAD));
        Path file = dir.resolve("plain");

        incoming(Map.of("Content-Length", Integer.toString(PAYLOAD.length), "Content-MD5",
                Base64.getEncoder().encodeToString(md5), "x-amz-content-sha256", sha256))
                .writeTo(new ByteArrayInputStream(PAYLOAD), file);

        assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
        assertThatThrownBy(() -> incoming(Map.of("x-amz-content-sha256", "0".repeat(64)))
                .writeTo(new ByteArrayInputStream(PAYLOAD), dir.resolve("other")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.code()).isEqualTo("XAmzContentSHA256Mismatch"));
    }

    @Test
    void aTrailerOnAPlainBody_isRefused() {
        assertThatThrownBy(() -> incoming(Map.of("x-amz-trailer", "x-amz-checksum-crc32")))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.code()).isEqualTo("InvalidRequest"));
    }

    @Test
    void crc64Nvme_hasItsCheckValue() throws IOException {
        PayloadChecksum.Crc64Nvme crc = new PayloadChecksum.Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }
}
