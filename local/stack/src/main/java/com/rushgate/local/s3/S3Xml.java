package com.rushgate.local.s3;

import com.rushgate.local.s3.BucketFolder.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The XML bodies the local S3 answers with, in S3's shapes (ListObjectsV2's result and the error). */
final class S3Xml {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Xml() {
    }

    /** {@code <Error>}: code, message, the code's own elements, the resource and the request id. */
    static byte[] error(S3Error error, String resource, String requestId) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<Error>");
        element(xml, "Code", error.code());
        element(xml, "Message", error.getMessage());
        error.details().forEach((name, value) -> element(xml, name, value));
        element(xml, "Resource", resource);
        element(xml, "RequestId", requestId);
        element(xml, "HostId", requestId);
        return xml.append("</Error>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What a ListObjectsV2 request asked for, as echoed in its answer. */
    record ListRequest(String bucket, String prefix, String delimiter, int maxKeys, String continuationToken,
                       String startAfter, boolean urlEncoded) {
    }

    /**
     * {@code <ListBucketResult>} of one page; with {@code encoding-type=url}, keys and prefixes are
     * percent-encoded, as S3 encodes them, and the SDK decodes them.
     *
     * @param objects   the page's objects, in order
     * @param nextToken the token of the next page; null when the page is the last
     */
    static byte[] listing(ListRequest request, List<StoredObject> objects, List<String> commonPrefixes,
                          boolean truncated, String nextToken) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<ListBucketResult xmlns=\"").append(NAMESPACE)
                .append("\">");
        element(xml, "Name", request.bucket());
        element(xml, "Prefix", encoded(request.prefix(), request.urlEncoded()));
        if (request.delimiter() != null) {
            element(xml, "Delimiter", encoded(request.delimiter(), request.urlEncoded()));
        }
        element(xml, "MaxKeys", Integer.toString(request.maxKeys()));
        element(xml, "KeyCount", Integer.toString(objects.size() + commonPrefixes.size()));
        element(xml, "IsTruncated", Boolean.toString(truncated));
        if (request.continuationToken() != null) {
            element(xml, "ContinuationToken", request.continuationToken());
        }
        if (nextToken != null) {
            element(xml, "NextContinuationToken", nextToken);
        }
        if (request.startAfter() != null) {
            element(xml, "StartAfter", encoded(request.startAfter(), request.urlEncoded()));
        }
        if (request.urlEncoded()) {
            element(xml, "EncodingType", "url");
        }
        for (StoredObject object : objects) {
            xml.append("<Contents>");
            element(xml, "Key", encoded(object.key(), request.urlEncoded()));
            element(xml, "LastModified", ISO_MILLIS.format(object.lastModified()));
            element(xml, "ETag", object.etag());
            element(xml, "Size", Long.toString(object.size()));
            element(xml, "StorageClass", "STANDARD");
            xml.append("</Contents>");
        }
        for (String prefix : commonPrefixes) {
            xml.append("<CommonPrefixes>");
            element(xml, "Prefix", encoded(prefix, request.urlEncoded()));
            xml.append("</CommonPrefixes>");
        }
        return xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>');
        escape(xml, value == null ? "" : value);
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        // not allowed in XML 1.0 even as a reference; S3 asks for encoding-type=url for such keys
                        xml.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
    }

    /** Percent-encodes UTF-8 bytes but the unreserved characters and {@code /}, as S3's encoding-type=url does. */
    static String urlEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String encoded(String text, boolean url) {
        return url ? urlEncode(text) : text;
    }
}
