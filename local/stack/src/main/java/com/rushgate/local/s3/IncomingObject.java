package com.rushgate.local.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PutObject's body as it arrives: decoded when it is aws-chunked, counted, and checked against
 * what the client declared, as S3 checks it: the decoded length ({@code x-amz-decoded-content-length}),
 * the additional checksum (as a header, or as a trailer the body ends with), {@code Content-MD5}
 * and a signed payload's SHA-256. Nothing of a body that fails a check is kept.
 */
final class IncomingObject {

    private static final String STREAMING = "STREAMING-";
    private static final HexFormat HEX = HexFormat.of();

    private final boolean chunked;
    private final Long declaredLength;
    private final PayloadChecksum checksum;
    private final String checksumInHeader;
    private final String contentMd5;
    private final String payloadSha256;

    /** What a stored object's write produced: its size, MD5 (the ETag) and additional checksum, if one was sent. */
    record Written(long size, String md5Hex, Optional<PayloadChecksum> checksum, String checksumValue) {
    }

    /** @param header a request header by name, any case; null when absent */
    IncomingObject(Function<String, String> header) {
        String contentSha256 = header.apply("x-amz-content-sha256");
        String encoding = header.apply("Content-Encoding");
        this.chunked = (contentSha256 != null && contentSha256.startsWith(STREAMING))
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
        this.declaredLength = length(header.apply(chunked ? "x-amz-decoded-content-length" : "Content-Length"));
        PayloadChecksum inHeader = null;
        for (PayloadChecksum candidate : PayloadChecksum.values()) {
            if (header.apply(candidate.header()) != null) {
                inHeader = candidate;
            }
        }
        String trailer = header.apply("x-amz-trailer");
        PayloadChecksum inTrailer = null;
        for (String name : trailer == null ? new String[0] : trailer.split(",")) {
            inTrailer = PayloadChecksum.ofHeader(name).orElse(inTrailer);
        }
        if (trailer != null && inTrailer == null) {
            throw S3Error.invalidRequest("x-amz-trailer names " + trailer + ", which is no checksum S3 knows");
        }
        if (inTrailer != null && !chunked) {
            throw S3Error.invalidRequest("a trailing checksum needs an aws-chunked body");
        }
        this.checksum = inHeader != null ? inHeader : inTrailer;
        this.checksumInHeader = inHeader == null ? null : header.apply(inHeader.header()).trim();
        this.contentMd5 = header.apply("Content-MD5");
        this.payloadSha256 = contentSha256 != null && contentSha256.matches("[0-9a-fA-F]{64}")
                ? contentSha256.toLowerCase(Locale.ROOT) : null;
    }

    private static Long length(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("a content length must be a number, got " + value);
        }
    }

    /**
     * Writes the object's bytes from {@code body} (the request's body as sent) to {@code file},
     * then checks them.
     *
     * @throws S3Error      when the body is malformed or a check fails; {@code file} may then hold
     *                      bytes, which the caller drops
     * @throws IOException  when the body cannot be read or the file written
     */
    Written writeTo(InputStream body, Path file) throws IOException {
        AwsChunkedInputStream decoder = chunked ? new AwsChunkedInputStream(body) : null;
        InputStream payload = chunked ? decoder : body;
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = payloadSha256 == null ? null : digest("SHA-256");
        PayloadChecksum.Digest additional = checksum == null ? null : checksum.start();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = payload.read(buffer); n >= 0; n = payload.read(buffer)) {
                out.write(buffer, 0, n);
                md5.update(buffer, 0, n);
                if (sha256 != null) {
                    sha256.update(buffer, 0, n);
                }
                if (additional != null) {
                    additional.update(buffer, 0, n);
                }
                size += n;
            }
        } catch (AwsChunkedInputStream.MalformedBodyException e) {
            throw S3Error.invalidRequest("the aws-chunked body is malformed: " + e.getMessage());
        }
        if (declaredLength != null && declaredLength != size) {
            throw S3Error.incompleteBody(declaredLength, size);
        }
        byte[] md5Bytes = md5.digest();
        if (contentMd5 != null && !contentMd5.trim().equals(Base64.getEncoder().encodeToString(md5Bytes))) {
            throw S3Error.badDigest("The Content-MD5 you specified did not match what we received.");
        }
        if (sha256 != null && !payloadSha256.equals(HEX.formatHex(sha256.digest()))) {
            throw new S3Error(400, "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", Map.of());
        }
        String computed = additional == null ? null : additional.base64();
        if (checksum != null) {
            String expected = checksumInHeader != null ? checksumInHeader : decoder.trailers().get(checksum.header());
            if (expected == null) {
                throw S3Error.invalidRequest("the body announced the trailer " + checksum.header() + " and ended without it");
            }
            if (!expected.equals(computed)) {
                throw S3Error.badDigest("The " + checksum.name() + " you specified did not match the calculated checksum.");
            }
        }
        return new Written(size, HEX.formatHex(md5Bytes), Optional.ofNullable(checksum), computed);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }
}
