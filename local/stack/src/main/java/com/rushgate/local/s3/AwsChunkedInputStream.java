package com.rushgate.local.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The object's bytes inside an aws-chunked body ({@code Content-Encoding: aws-chunked}), which the
 * AWS SDKs send for PutObject with streaming signatures and trailing checksums:
 *
 * <pre>
 * hex-size[;chunk-signature=sig]\r\n bytes \r\n   ... one per chunk
 * 0[;chunk-signature=sig]\r\n                        the last, empty chunk
 * name:value\r\n ...                                 trailers (x-amz-checksum-crc32, x-amz-trailer-signature)
 * \r\n
 * </pre>
 *
 * Chunk extensions (the signatures) are read and not checked: the local stack checks no
 * signature. {@link #trailers()} holds the trailers once the stream has returned its end.
 */
final class AwsChunkedInputStream extends InputStream {

    /** Longest chunk header or trailer line accepted; a signed chunk's header is about 90 bytes. */
    static final int MAX_LINE = 4096;

    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private long remaining;
    private boolean ended;

    AwsChunkedInputStream(InputStream body) {
        this.in = new BufferedInputStream(body, 64 * 1024);
    }

    /** A body that does not follow the aws-chunked format. */
    static final class MalformedBodyException extends IOException {
        MalformedBodyException(String message) {
            super(message);
        }
    }

    /** The trailers by lower-case name; complete once the stream has returned -1. */
    Map<String, String> trailers() {
        return Map.copyOf(trailers);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0 && !ended) {
            nextChunk();
        }
        if (ended) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new MalformedBodyException("the body ends inside a chunk (" + remaining + " bytes missing)");
        }
        remaining -= n;
        if (remaining == 0) {
            expectLineEnd();
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw new MalformedBodyException("the body ends without its last, empty chunk");
        }
        int extensions = header.indexOf(';');
        String hex = (extensions < 0 ? header : header.substring(0, extensions)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new MalformedBodyException("a chunk header starts with '" + abbreviated(hex) + "', not a hex size");
        }
        if (size < 0) {
            throw new MalformedBodyException("a chunk cannot have a negative size");
        }
        if (size == 0) {
            readTrailers();
            ended = true;
        } else {
            remaining = size;
        }
    }

    private void readTrailers() throws IOException {
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedBodyException("a trailer is not name:value: '" + abbreviated(line) + "'");
            }
            trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private void expectLineEnd() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr != '\r' || lf != '\n') {
            throw new MalformedBodyException("a chunk is longer than its header says, or is not followed by CRLF");
        }
    }

    /** A line without its CRLF; null at the end of the body. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw new MalformedBodyException("a chunk header or trailer is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
