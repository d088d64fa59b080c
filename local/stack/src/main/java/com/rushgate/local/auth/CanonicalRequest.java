package com.rushgate.local.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * SigV4's canonical request of a received request, as the SDK's signer builds it for a service
 * other than S3: the path encoded once more (segment by segment), the query's names and values
 * decoded then encoded per RFC 3986 and sorted, the signed headers' values trimmed and joined, and
 * the SHA-256 of the body.
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * @param rawPath       the path as sent, still percent-encoded
     * @param rawQuery      the query as sent, or null
     * @param signedHeaders the Authorization header's {@code SignedHeaders} (lower case, ';'-separated)
     */
    static String of(String method, String rawPath, String rawQuery, String signedHeaders,
                     Function<String, List<String>> headers, byte[] body) {
        StringBuilder canonical = new StringBuilder(method.toUpperCase(Locale.ROOT)).append('\n');
        canonical.append(rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, true)).append('\n');
        canonical.append(query(rawQuery)).append('\n');
        for (String name : signedHeaders.split(";")) {
            List<String> values = headers.apply(name);
            List<String> trimmed = new ArrayList<>();
            if (values != null) {
                values.forEach(value -> trimmed.add(value.trim().replaceAll(" +", " ")));
            }
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n');
        return canonical.append(hex(sha256(body))).toString();
    }

    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(encode(decode(name), false), encode(decode(value), false)));
        }
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        List<String> joined = new ArrayList<>();
        pairs.forEach(pair -> joined.add(pair.getKey() + "=" + pair.getValue()));
        return String.join("&", joined);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** RFC 3986 percent-encoding of every byte but the unreserved characters (and '/' when kept). */
    static String encode(String text, boolean keepSlashes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlashes && c == '/')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
