package com.rushgate.local.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of S3's own error shape: an HTTP status, S3's error code, a message and the extra
 * elements S3 adds for that code ({@code Key}, {@code BucketName}, {@code RangeRequested}...).
 */
final class S3Error extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> details;

    S3Error(int status, String code, String message, Map<String, String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static S3Error noSuchBucket(String bucket) {
        return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", Map.of("BucketName", bucket));
    }

    static S3Error noSuchKey(String key) {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.", Map.of("Key", key));
    }

    static S3Error invalidRange(String range, long size) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RangeRequested", range);
        details.put("ActualObjectSize", Long.toString(size));
        return new S3Error(416, "InvalidRange", "The requested range is not satisfiable", details);
    }

    static S3Error invalidArgument(String message) {
        return new S3Error(400, "InvalidArgument", message, Map.of());
    }

    static S3Error invalidRequest(String message) {
        return new S3Error(400, "InvalidRequest", message, Map.of());
    }

    static S3Error badDigest(String message) {
        return new S3Error(400, "BadDigest", message, Map.of());
    }

    static S3Error incompleteBody(long declared, long received) {
        return new S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by the"
                + " Content-Length HTTP header (declared " + declared + ", received " + received + ")", Map.of());
    }

    static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented", "A header or operation you provided implies functionality that is"
                + " not implemented: " + what + " (the local S3 serves objects of the template's buckets:"
                + " put, get, head, delete and list)", Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> details() {
        return details;
    }
}
