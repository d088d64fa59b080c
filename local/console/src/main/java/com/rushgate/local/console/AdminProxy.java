package com.rushgate.local.console;

import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's way to the admin API: a call the page makes to {@code /console/api/REST} goes to
 * {@code /admin/REST} of the stack's own gateway, signed with SigV4 as the operator, so it meets the
 * gateway's signature check, throttles and the Admin function exactly as the command line's calls
 * do. The operator key stays in this process; the page never sees it.
 */
final class AdminProxy {

    static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "DELETE");
    /** Plain segments only: no dot segments or encoded characters that could step out of /admin. */
    private static final Pattern REST = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*)*");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9_.~=&-]*");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final SigV4Signing signing;
    private final OperatorKey key;
    private final HttpClient http;

    /**
     * @param gateway the stack's API endpoint, e.g. {@code http://127.0.0.1:3000}
     * @param key     the local operator key every call is signed with
     */
    AdminProxy(URI gateway, SigV4Signing signing, OperatorKey key, HttpClient http) {
        this.gateway = gateway;
        this.signing = signing;
        this.key = key;
        this.http = http;
    }

    /** The admin route a console path stands for, or null when it is not one the console may call. */
    static String adminPath(String rest, String query) {
        if (!REST.matcher(rest).matches() || rest.contains("/..") || (query != null && !QUERY.matcher(query).matches())) {
            return null;
        }
        return "/admin" + rest + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Forwards one call and hands back the admin API's answer as it came.
     *
     * @param adminPath what {@link #adminPath} made of the console path
     * @throws IOException if the gateway does not answer
     */
    Forwarded forward(String method, String adminPath, byte[] body) throws IOException {
        URI uri = gateway.resolve(adminPath);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (body.length > 0) {
            headers.put("Content-Type", List.of("application/json"));
        }
        HttpRequest.Builder request = signing.request(method, uri, headers, body, SigV4Signing.credentials(key), TIMEOUT);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Forwarded(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + uri, e);
        }
    }

    /** The admin API's answer. */
    record Forwarded(int status, String contentType, byte[] body) {
    }
}
