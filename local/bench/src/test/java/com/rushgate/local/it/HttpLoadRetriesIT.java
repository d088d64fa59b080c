package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.RetryPolicy;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator's clients against a server that says "not now": they wait as told and try again, within bounds. */
class HttpLoadRetriesIT {

    private HttpServer server;
    private final Map<String, AtomicInteger> triesByPath = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> triedAtNanos = new ConcurrentHashMap<>();

    /** Answers each path {@code refusals} times with {@code status} and Retry-After, then 202. */
    private URI serve(int refusals, int status, String retryAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            triedAtNanos.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            int tries = triesByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (tries <= refusals) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
                answer(exchange, status, "{\"error\":{\"code\":\"TRY_AGAIN\"}}");
            } else {
                answer(exchange, 202, "{\"requestId\":\"rq_" + path.substring(1) + "\"}");
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static RetryPolicy tries(int maxTries) {
        return new RetryPolicy(maxTries, Duration.ofSeconds(20), Duration.ofMillis(10), Duration.ofSeconds(5), 0.5);
    }

    @Test
    void run_refusedTwiceWith503_isAcceptedOnTheThirdTry() throws Exception {
        URI server = serve(2, 503, "0");
        List<String> lastAnswers = new CopyOnWriteArrayList<>();

        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(Duration.ofSeconds(10))) {
            result = load.run(20, 4, Duration.ofSeconds(30), tries(5),
                    i -> HttpRequest.newBuilder(server.resolve("/" + i)).POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> lastAnswers.add(status + " " + body));
        }

        assertThat(result.statuses()).containsExactly(Map.entry(202, 20L));
        assertThat(result.retries()).isEqualTo(40);
        assertThat(result.notAccepted()).isZero();
        assertThat(lastAnswers).hasSize(20).allMatch(answer -> answer.startsWith("202 {\"requestId\""));
        assertThat(triesByPath.values()).hasSize(20).allMatch(tries -> tries.get() == 3);
    }

    @Test
    void run_refusedMoreThanMaxTries_reportsTheLastAnswerAndNotAccepted() throws Exception {
        URI server = serve(5, 409, "0");

        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(Duration.ofSeconds(10))) {
            result = load.run(10, 4, Duration.ofSeconds(30), tries(3),
                    i -> HttpRequest.newBuilder(server.resolve("/" + i)).POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> { });
        }

        assertThat(result.statuses()).containsExactly(Map.entry(409, 10L));
        assertThat(result.retries()).isEqualTo(20);
        assertThat(result.notAccepted()).isEqualTo(10);
        assertThat(triesByPath.values()).hasSize(10).allMatch(tries -> tries.get() == 3);
    }

    @Test
    void run_429WithRetryAfter_waitsAtLeastThatLong() throws Exception {
        URI server = serve(1, 429, "1");

        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(Duration.ofSeconds(10))) {
            result = load.run(3, 3, Duration.ofSeconds(30), tries(2),
                    i -> HttpRequest.newBuilder(server.resolve("/" + i)).POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> { });
        }

        assertThat(result.statuses()).containsExactly(Map.entry(202, 3L));
        assertThat(triedAtNanos.values()).hasSize(3).allSatisfy(times -> {
            assertThat(times).hasSize(2);
            assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        // The latency a participant sees runs from the first try to the last answer.
        assertThat(result.latencies().percentileMs(50)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void run_withoutRetries_takesTheFirstAnswer() throws Exception {
        URI server = serve(1, 503, "0");

        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(Duration.ofSeconds(10))) {
            result = load.run(5, 2, Duration.ofSeconds(30),
                    i -> HttpRequest.newBuilder(server.resolve("/" + i)).POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> { });
        }

        assertThat(result.statuses()).containsExactly(Map.entry(503, 5L));
        assertThat(result.retries()).isZero();
        assertThat(result.notAccepted()).isEqualTo(5);
    }
}
