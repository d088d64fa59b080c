package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    private static final String SIGNATURE = ";chunk-signature=" + "ab".repeat(32);

    /** An aws-chunked body as the SDK sends it: signed chunks of {@code chunk} bytes, the empty chunk, then trailers. */
    static byte[] chunked(byte[] payload, int chunk, String... trailers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int at = 0; at < payload.length; at += chunk) {
            int n = Math.min(chunk, payload.length - at);
            body.writeBytes((Integer.toHexString(n) + SIGNATURE + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(payload, at, n);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("0" + SIGNATURE + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String trailer : trailers) {
            body.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    @Test
    void signedChunks_decodeToThePayload_andTheTrailersAreRead() throws IOException {
        byte[] payload = payload(200_000);
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(
                chunked(payload, 65_536, "x-amz-checksum-crc32:AAAAAA==", "x-amz-trailer-signature:" + "cd".repeat(32))));

        assertThat(in.readAllBytes()).isEqualTo(payload);
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", "AAAAAA==")
                .containsKey("x-amz-trailer-signature");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void unsignedChunks_withoutTrailers_decodeToThePayload() throws IOException {
        String body = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";

        try (InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        }
    }

    @Test
    void anEmptyPayload_isOnlyTheLastChunk() throws IOException {
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(chunked(new byte[0], 10)));

        assertThat(in.readAllBytes()).isEmpty();
    }

    @Test
    void aBodyThatEndsInsideAChunk_isMalformed() {
        byte[] whole = chunked(payload(100), 100);
        byte[] cut = Arrays.copyOf(whole, 120);

        assertThatThrownBy(() -> new AwsChunkedInputStream(new ByteArrayInputStream(cut)).readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedBodyException.class)
                .hasMessageContaining("ends inside a chunk");
    }

    @Test
    void aBodyWithoutItsLastChunk_isMalformed() {
        String body = "5\r\nhello\r\n";

        assertThatThrownBy(() -> new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))
                .readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedBodyException.class)
                .hasMessageContaining("last, empty chunk");
    }

    @Test
    void aChunkLongerThanItsHeader_isMalformed() {
        String body = "3\r\nhello\r\n0\r\n\r\n";

        assertThatThrownBy(() -> new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))
                .readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedBodyException.class)
                .hasMessageContaining("CRLF");
    }

    @Test
    void aHeaderWithoutAHexSize_isMalformed() {
        String body = "zz;chunk-signature=00\r\nhello\r\n0\r\n\r\n";

        assertThatThrownBy(() -> new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))
                .readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedBodyException.class)
                .hasMessageContaining("not a hex size");
    }
}
