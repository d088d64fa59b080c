package com.rushgate.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.gateway.MountedHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything under {@code /console}: the page and its two files, the admin API through
 * {@link AdminProxy} at {@code /console/api/...}, and a finished event's analytics page at
 * {@code /console/analytics/{eventId}}.
 *
 * <p>The proxy acts with the operator's key, so it serves only the console's own page: the call
 * must name this stack's address as its Host (no other name resolving to 127.0.0.1), come from the
 * same origin when the browser says where it comes from, and carry {@value #CONSOLE_HEADER}, which a
 * page of another origin cannot send without a CORS preflight that nothing here answers.
 */
final class ConsoleHandler implements MountedHandler {

    static final String PREFIX = "/console";
    static final String CONSOLE_HEADER = "X-Rushgate-Console";
    private static final Pattern ANALYTICS = Pattern.compile("/console/analytics/([A-Za-z0-9_-]{1,64})");
    private static final Map<String, String> FILES = Map.of(
            "/console", "index.html",
            "/console/", "index.html",
            "/console/console.css", "console.css",
            "/console/console.js", "console.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String ANALYTICS_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminProxy proxy;
    private final AnalyticsView analytics;
    private final Set<String> hosts;

    /** @param port the gateway's port, the only one the console answers its API calls for */
    ConsoleHandler(AdminProxy proxy, AnalyticsView analytics, int port) {
        this.proxy = proxy;
        this.analytics = analytics;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    }

    @Override
    public Reply handle(Call call) throws IOException {
        String path = call.path();
        if (path.equals(PREFIX + "/api") || path.startsWith(PREFIX + "/api/")) {
            return api(call, path.substring((PREFIX + "/api").length()));
        }
        if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
            return text(405, "the console's pages are read with GET");
        }
        String file = FILES.get(path);
        if (file != null) {
            return file(file);
        }
        Matcher event = ANALYTICS.matcher(path);
        if (event.matches()) {
            AnalyticsView.Page page = analytics.render(event.group(1));
            return new Reply(page.found() ? 200 : 404, Map.of("Content-Type", TYPES.get("html"),
                    "Cache-Control", "no-store", "Content-Security-Policy", ANALYTICS_POLICY,
                    "X-Content-Type-Options", "nosniff"), page.html().getBytes(StandardCharsets.UTF_8));
        }
        return text(404, "no such console page: " + path);
    }

    private Reply api(Call call, String rest) throws IOException {
        String refusal = refusal(call);
        if (refusal != null) {
            return error(403, "CONSOLE_ONLY", refusal);
        }
        if (!AdminProxy.METHODS.contains(call.method())) {
            return error(405, "METHOD_NOT_ALLOWED", call.method() + " is not an admin method");
        }
        String adminPath = AdminProxy.adminPath(rest, call.query());
        if (adminPath == null) {
            return error(400, "INVALID_PATH", "not an admin route: " + rest);
        }
        AdminProxy.Forwarded answer;
        try {
            answer = proxy.forward(call.method(), adminPath, call.body());
        } catch (IOException e) {
            return error(502, "ADMIN_UNREACHABLE", "the admin API did not answer: " + e.getMessage());
        }
        return new Reply(answer.status(), Map.of("Content-Type", answer.contentType(), "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"), answer.body());
    }

    /** Why a call may not use the operator's key, or null when it may. */
    String refusal(Call call) {
        String host = call.header("Host");
        if (host == null || !hosts.contains(host.toLowerCase())) {
            return "the console answers only at " + hosts.iterator().next() + ", not at " + host;
        }
        String origin = call.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return "calls from " + origin + " are not the console's";
        }
        if (!"1".equals(call.header(CONSOLE_HEADER))) {
            return "only the console page calls this (header " + CONSOLE_HEADER + ": 1)";
        }
        return null;
    }

    private static Reply file(String name) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new Reply(200, Map.of("Content-Type", type, "Cache-Control", "no-cache",
                    "Content-Security-Policy", PAGE_POLICY, "X-Content-Type-Options", "nosniff"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply text(int status, String message) {
        return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                message.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply error(int status, String code, String message) {
        try {
            return new Reply(status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                    JSON.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
