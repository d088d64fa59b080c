package com.rushgate.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the gateway sees it, independent of the HTTP server that received it.
 *
 * @param rawPath  the path as sent, still percent-encoded
 * @param rawQuery the query as sent, or null
 * @param headers  every header with all its values, names case-insensitive
 * @param body     the body, at most {@link ApiStage#MAX_BODY_BYTES} plus one byte (more is refused unread)
 * @param protocol e.g. HTTP/1.1
 */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body, String clientIp, String localAddress, String protocol) {

    IncomingRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The request line and headers, as API Gateway counts them against its 10 KB limit. */
    int headerBytes() {
        int total = method.length() + rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1) + 12;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                total += header.getKey().length() + value.length() + 4;
            }
        }
        return total;
    }
}
