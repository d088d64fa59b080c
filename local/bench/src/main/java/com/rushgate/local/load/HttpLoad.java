package com.rushgate.local.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load: {@code connections} clients, each sending its next request as soon as
 * the previous one is answered, until {@code total} requests are sent or the time limit passes.
 * Bounded in count and in time; every request has a timeout, so a stuck server ends the run.
 * With a {@link RetryPolicy}, a client answered 409, 429 or 503 waits as told and sends the same
 * request again, as a participant's client would; what counts is the request's last answer.
 */
public final class HttpLoad implements AutoCloseable {

    /** Sees the last answer of every request (after its retries); called from the client's threads. */
    @FunctionalInterface
    public interface Answers {
        void answered(int index, int status, String body);
    }

    /**
     * What one run measured.
     *
     * @param sent      requests sent
     * @param statuses  last answers by HTTP status
     * @param failures  requests without an answer (timeouts, connection errors)
     * @param latencies from a request's first try to its last answer, of the answered requests
     * @param seconds   from the first send to the last answer
     * @param retries   tries beyond the first, of all requests
     */
    public record Result(int sent, Map<Integer, Long> statuses, long failures, Latencies latencies, double seconds,
                         long retries) {

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

        /** Requests whose last answer was not a 2xx, or that had none: their sender was not accepted. */
        public long notAccepted() {
            return sent - succeeded();
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

    /** A run whose clients take the first answer as final. */
    public Result run(int total, int connections, Duration limit, IntFunction<HttpRequest.Builder> requests,
                      Answers answers) throws InterruptedException {
        return run(total, connections, limit, RetryPolicy.none(), requests, answers);
    }

    /**
     * @param limit    no request is sent for the first time after it; retries go on within the policy's deadline
     * @param retries  how a client answers 409, 429 and 503
     * @param requests builds request number {@code i} (0-based); it is given no timeout of its own
     */
    public Result run(int total, int connections, Duration limit, RetryPolicy retries,
                      IntFunction<HttpRequest.Builder> requests, Answers answers) throws InterruptedException {
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        int clients = Math.min(connections, total);
        CountDownLatch finished = new CountDownLatch(clients);
        long started = System.nanoTime();
        Run run = new Run(total, started + limit.toNanos(), retries, next, requests, latencies, statuses, failures,
                lastAnswer, retried, answers, finished);
        for (int c = 0; c < clients; c++) {
            sendNext(run);
        }
        // Every try has a timeout and retries stop at the policy's deadline, so the clients finish at
        // the latest that long after the limit.
        Duration bound = limit.plus(retries.deadline()).plus(requestTimeout.multipliedBy(2)).plusSeconds(10);
        if (!finished.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the load did not finish; the server hangs");
        }
        int sent = Math.min(next.get(), total);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        long[] answered = Arrays.stream(latencies, 0, sent).filter(l -> l >= 0).toArray();
        return new Result(sent, counts, failures.get(), new Latencies(answered),
                Math.max(0, lastAnswer.get() - started) / 1e9, retried.get());
    }

    /** The state one run's clients share. */
    private record Run(int total, long deadline, RetryPolicy retries, AtomicInteger next,
                       IntFunction<HttpRequest.Builder> requests, long[] latencies, Map<Integer, AtomicLong> statuses,
                       AtomicLong failures, AtomicLong lastAnswer, AtomicLong retried, Answers answers,
                       CountDownLatch finished) {
    }

    private void sendNext(Run run) {
        if (System.nanoTime() > run.deadline()) {
            run.finished().countDown();
            return;
        }
        int index = run.next().getAndIncrement();
        if (index >= run.total()) {
            run.finished().countDown();
            return;
        }
        HttpRequest request = run.requests().apply(index).timeout(requestTimeout).build();
        send(run, index, request, System.nanoTime(), 1);
    }

    /** One try of request {@code index}; its last answer counts, then the client sends its next request. */
    private void send(Run run, int index, HttpRequest request, long firstSent, int tries) {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        response.whenCompleteAsync((answer, failure) -> {
            long now = System.nanoTime();
            if (failure == null) {
                Optional<Duration> wait = run.retries().nextWait(tries, answer.statusCode(),
                        answer.headers().firstValue("Retry-After"), Duration.ofNanos(now - firstSent), Instant.now(),
                        ThreadLocalRandom.current().nextDouble());
                if (wait.isPresent()) {
                    run.retried().incrementAndGet();
                    Executor later = CompletableFuture.delayedExecutor(wait.get().toNanos(), TimeUnit.NANOSECONDS, executor);
                    later.execute(() -> send(run, index, request, firstSent, tries + 1));
                    return;
                }
                run.lastAnswer().accumulateAndGet(now, Math::max);
                run.latencies()[index] = now - firstSent;
                run.statuses().computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
                run.answers().answered(index, answer.statusCode(), answer.body());
            } else {
                run.lastAnswer().accumulateAndGet(now, Math::max);
                run.failures().incrementAndGet();
            }
            sendNext(run);
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
