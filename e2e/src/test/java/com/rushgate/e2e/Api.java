package com.rushgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.e2e.targets.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLSocketFactory;

/** HTTP calls against a target's API, as a participant's client makes them. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** AWS's managed WAF rules block requests without a User-Agent; a real client sends one. */
    private static final String USER_AGENT = "rushgate-e2e";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Target target;
    private final URI base;

    Api(Target target) {
        this.target = target;
        this.base = target.api();
    }

    /** The API's URL for {@code path} (starting with {@code /}, still encoded): the base with its stage, then the path. */
    URI uri(String path) {
        return URI.create(base + path);
    }

    /** {@code Bearer <a fresh token>} for the participant called {@code name}. */
    String bearer(String name) {
        return "Bearer " + target.participants().token(name);
    }

    Reply participate(String eventId, String name) {
        return send(HttpRequest.newBuilder(uri("/events/" + eventId + "/participations"))
                .header("Authorization", bearer(name))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply status(String requestId, String name) {
        return send(HttpRequest.newBuilder(uri("/requests/" + requestId)).header("Authorization", bearer(name)).GET());
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new Reply(response.statusCode(), response.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request no HTTP client library sends (a malformed % escape in the path), written to the
     * socket as it is, over TLS for an https API; {@code rawPath} is appended to the base's path.
     */
    Reply raw(String method, String rawPath, String authorization) {
        boolean tls = "https".equals(base.getScheme());
        int port = base.getPort() != -1 ? base.getPort() : tls ? 443 : 80;
        String host = base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
        String request = method + " " + base.getRawPath() + rawPath + " HTTP/1.1\r\nHost: " + host
                + "\r\nUser-Agent: " + USER_AGENT + "\r\nAuthorization: " + authorization
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket(base.getHost(), port)
                : new Socket(base.getHost(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                return parse(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP/1.1 answer as read from the socket: status line, headers, then the body, chunked or not. */
    static Reply parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.computeIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = unchunked(body);
        }
        return new Reply(Integer.parseInt(head[0].split(" ")[1]), new String(body, StandardCharsets.UTF_8), headers);
    }

    /** The body of a chunked answer (RFC 9112, 7.1), without extensions or trailers. */
    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrLf(chunked, at);
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("a chunked body cut short");
    }

    /** An HTTP answer with its JSON body; header names in lower case. */
    record Reply(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String field(String name) {
            return json().path(name).asText(null);
        }

        String errorCode() {
            return json().at("/error/code").asText(null);
        }

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
