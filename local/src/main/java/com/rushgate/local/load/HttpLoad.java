package com.rushgate.local.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load: {@code connections} clients, each sending its next request as soon as
 * the previous one is answered, until {@code total} requests are sent or the time limit passes.
 * Bounded in count and in time; every request has a timeout, so a stuck server ends the run.
 */
public final class HttpLoad implements AutoCloseable {

    /** Sees every answer; called from the client's threads. */
    @FunctionalInterface
    public interface Answers {
        void answered(int index, int status, String body);
    }

    /**
     * What one run measured.
     *
     * @param sent      requests sent
     * @param statuses  answers by HTTP status
     * @param failures  requests without an answer (timeouts, connection errors)
     * @param latencies response times of the answered requests
     * @param seconds   from the first send to the last answer
     */
    public record Result(int sent, Map<Integer, Long> statuses, long failures, Latencies latencies, double seconds) {

        public long answered() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Answered with a 2xx. */
        public long succeeded() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        }

        /**
         * 409 answers: a participant's repeated submission that arrived while the first was still being
         * recorded (IN_PROGRESS, with Retry-After). The first submission is answered; the repeat is
         * told to ask again. Not an error of the system, and counted apart.
         */
        public long inProgress() {
            return statuses.getOrDefault(409, 0L);
        }

        /** Everything else a client would count as an error: no answer, or anything but a 2xx or a 409. */
        public long errors() {
            return sent - succeeded() - inProgress();
        }

        public double perSecond() {
            return seconds <= 0 ? 0 : answered() / seconds;
        }
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration requestTimeout;

    /** @param requestTimeout per request; API Gateway gives up on an integration after 29 s */
    public HttpLoad(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.executor = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                runnable -> {
                    Thread thread = new Thread(runnable, "http-load");
                    thread.setDaemon(true);
                    return thread;
                });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    /**
     * @param requests builds request number {@code i} (0-based); it is given no timeout of its own
     */
    public Result run(int total, int connections, Duration limit, IntFunction<HttpRequest.Builder> requests,
                      Answers answers) throws InterruptedException {
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        int clients = Math.min(connections, total);
        CountDownLatch finished = new CountDownLatch(clients);
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        for (int c = 0; c < clients; c++) {
            sendNext(total, deadline, next, requests, latencies, statuses, failures, lastAnswer, answers, finished);
        }
        // Every request has a timeout, so the clients finish at the latest one timeout after the deadline.
        if (!finished.await(limit.plus(requestTimeout).plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the load did not finish; the server hangs");
        }
        int sent = Math.min(next.get(), total);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        long[] answered = Arrays.stream(latencies, 0, sent).filter(l -> l >= 0).toArray();
        return new Result(sent, counts, failures.get(), new Latencies(answered),
                Math.max(0, lastAnswer.get() - started) / 1e9);
    }

    private void sendNext(int total, long deadline, AtomicInteger next, IntFunction<HttpRequest.Builder> requests,
                          long[] latencies, Map<Integer, AtomicLong> statuses, AtomicLong failures,
                          AtomicLong lastAnswer, Answers answers, CountDownLatch finished) {
        if (System.nanoTime() > deadline) {
            finished.countDown();
            return;
        }
        int index = next.getAndIncrement();
        if (index >= total) {
            finished.countDown();
            return;
        }
        HttpRequest request = requests.apply(index).timeout(requestTimeout).build();
        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        response.whenCompleteAsync((answer, failure) -> {
            long now = System.nanoTime();
            lastAnswer.accumulateAndGet(now, Math::max);
            if (failure == null) {
                latencies[index] = now - sent;
                statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
                answers.answered(index, answer.statusCode(), answer.body());
            } else {
                failures.incrementAndGet();
            }
            sendNext(total, deadline, next, requests, latencies, statuses, failures, lastAnswer, answers, finished);
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
