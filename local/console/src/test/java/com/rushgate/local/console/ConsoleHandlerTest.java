package com.rushgate.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.gateway.MountedHandler.Call;
import com.rushgate.local.gateway.MountedHandler.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's routing and its guard on the operator's key; no call here reaches a socket. */
class ConsoleHandlerTest {

    private static final int PORT = 3000;
    // Nothing listens on port 9: a call the guard let through would fail with 502, not 403 or 400.
    private final ConsoleHandler handler = new ConsoleHandler(
            new AdminProxy(URI.create("http://127.0.0.1:9"), new SigV4Signing("us-east-1", Clock.systemUTC()),
                    new OperatorKey("AKIALOCALTEST0000000", "secret"), HttpClient.newHttpClient()),
            new AnalyticsView(null, null, () -> { }, Clock.systemUTC()), PORT);

    private static Call call(String method, String path, Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new Call(method, path, null, all, new byte[0]);
    }

    private static Map<String, String> fromThePage() {
        return Map.of("Host", "127.0.0.1:" + PORT, "Origin", "http://127.0.0.1:" + PORT, ConsoleHandler.CONSOLE_HEADER, "1");
    }

    private static String text(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void page_isServedWithItsScriptAndStyle_underAPolicyThatAllowsNothingFromElsewhere() throws Exception {
        Reply page = handler.handle(call("GET", "/console", Map.of()));
        Reply script = handler.handle(call("GET", "/console/console.js", Map.of()));
        Reply style = handler.handle(call("GET", "/console/console.css", Map.of()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(text(page)).contains("<script src=\"/console/console.js\"", "href=\"/console/console.css\"")
                .doesNotContain("http://", "https://");
        assertThat(page.headers().get("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
        assertThat(script.headers()).containsEntry("Content-Type", "text/javascript; charset=utf-8");
        assertThat(text(script)).contains("X-Rushgate-Console");
        assertThat(style.status()).isEqualTo(200);
    }

    @Test
    void unknownPage_is404_andAWriteToAPage_is405() throws Exception {
        assertThat(handler.handle(call("GET", "/console/secrets", Map.of())).status()).isEqualTo(404);
        assertThat(handler.handle(call("POST", "/console", Map.of())).status()).isEqualTo(405);
    }

    @Test
    void analyticsPage_ofAStackWithoutLake_saysSo() throws Exception {
        Reply reply = handler.handle(call("GET", "/console/analytics/drop-1", Map.of()));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(text(reply)).contains("Analytics of drop-1", "no data lake");
    }

    @Test
    void apiCall_withoutTheConsoleHeader_isRefusedBeforeAnyForwarding() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(fromThePage());
        headers.remove(ConsoleHandler.CONSOLE_HEADER);

        Reply reply = handler.handle(call("POST", "/console/api/redrive", headers));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(text(reply)).contains("\"code\":\"CONSOLE_ONLY\"");
    }

    @Test
    void apiCall_fromAnotherOrigin_isRefused() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(fromThePage());
        headers.put("Origin", "http://evil.example");

        assertThat(handler.handle(call("POST", "/console/api/redrive", headers)).status()).isEqualTo(403);
    }

    @Test
    void apiCall_toAnotherHostName_isRefused_asARebindingDefence() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(fromThePage());
        headers.put("Host", "rebound.example:" + PORT);
        headers.remove("Origin");

        assertThat(handler.handle(call("GET", "/console/api/events", headers)).status()).isEqualTo(403);
    }

    @Test
    void apiCall_thatWouldStepOutOfAdmin_isRefused() throws Exception {
        assertThat(handler.handle(call("GET", "/console/api/../events/x", fromThePage())).status()).isEqualTo(400);
        assertThat(handler.handle(call("GET", "/console/api/%2e%2e/events", fromThePage())).status()).isEqualTo(400);
        assertThat(handler.handle(call("PUT", "/console/api/events", fromThePage())).status()).isEqualTo(405);
    }

    @Test
    void apiCall_fromThePage_isForwarded_andAGatewayThatDoesNotAnswerIsA502() throws Exception {
        Reply reply = handler.handle(call("GET", "/console/api/events", fromThePage()));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(text(reply)).contains("ADMIN_UNREACHABLE");
    }

    @Test
    void adminPath_mapsTheConsolePathAndQuery() {
        assertThat(AdminProxy.adminPath("/events/drop-1/close", null)).isEqualTo("/admin/events/drop-1/close");
        assertThat(AdminProxy.adminPath("/dlq", "eventId=drop-1&max=10")).isEqualTo("/admin/dlq?eventId=drop-1&max=10");
        assertThat(AdminProxy.adminPath("/dlq", "x=<script>")).isNull();
        assertThat(AdminProxy.adminPath("/events/./x", null)).isNull();
    }
}
