package com.rushgate.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.load.RetryPolicy;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The demo's participants: every user with a token of their own, each submitting once plus
 * duplicates of random users, all sent over HTTP as a participant's client sends them.
 */
final class DemoIngest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** No submission is sent for the first time later than this after the first. */
    private static final Duration INGEST_LIMIT = Duration.ofMinutes(10);

    /**
     * What the participants saw.
     *
     * @param accepted      distinct requestIds answered 200 or 202
     * @param duplicates    submissions answered with the same requestId as the user's first
     * @param neverAccepted users none of whose submissions was answered 200 or 202, retries included
     * @param refused       submissions whose last answer was not 200 or 202 (or that had none), by status
     *                      ("none" for no answer)
     */
    record Result(List<String> accepted, int duplicates, int neverAccepted, Map<String, Long> refused,
                  long retries, Latencies latencies, double seconds) {

        int refusedCount() {
            return (int) refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LocalStack stack;
    private final PrintStream console;

    DemoIngest(LocalStack stack, PrintStream console) {
        this.stack = stack;
        this.console = console;
    }

    /** Every user once, plus {@code duplicates} times as many submissions of random users, in random order (fixed seed). */
    static List<String> submissions(int users, double duplicates) {
        Random random = new Random(42);
        List<String> names = IntStream.range(0, users).mapToObj(DemoIngest::user).toList();
        List<String> all = new ArrayList<>(names);
        int extra = (int) Math.round(users * duplicates);
        for (int i = 0; i < extra; i++) {
            all.add(names.get(random.nextInt(names.size())));
        }
        Collections.shuffle(all, random);
        return all;
    }

    /** An ID token for each of the first {@code users} users, by user. */
    Map<String, String> tokens(int users) {
        LocalIssuer issuer = stack.issuer().orElseThrow(() -> new IllegalStateException("the API has no authorizer"));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        IntStream.range(0, users).parallel().forEach(i -> tokens.put(user(i), issuer.token(user(i), Duration.ofHours(1))));
        return tokens;
    }

    /**
     * Every submission, sent as a participant's client sends it: a 409, 429 or 503 is tried again
     * after its Retry-After, within the bounds of {@link RetryPolicy#participant()}.
     */
    Result send(String eventId, List<String> submissions, Map<String, String> tokens, int concurrency)
            throws InterruptedException {
        URI endpoint = stack.apiEndpoint().orElseThrow().resolve("/events/" + eventId + "/participations");
        Map<String, String> requestOfUser = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(console, "ingest", submissions.size());
        HttpLoad.Result result;
        try (HttpLoad load = new HttpLoad(REQUEST_TIMEOUT)) {
            result = load.run(submissions.size(), concurrency, INGEST_LIMIT, RetryPolicy.participant(),
                    i -> HttpRequest.newBuilder(endpoint)
                            .header("Authorization", "Bearer " + tokens.get(submissions.get(i)))
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    (i, status, body) -> {
                        String requestId = status == 200 || status == 202 ? requestIdOf(body) : null;
                        if (requestId != null) {
                            accepted.add(requestId);
                            String first = requestOfUser.putIfAbsent(submissions.get(i), requestId);
                            if (first != null && first.equals(requestId)) {
                                duplicates.incrementAndGet();
                            }
                        }
                        progress.show(done.incrementAndGet());
                    });
        }
        progress.finish(done.get());
        int users = (int) submissions.stream().distinct().count();
        return new Result(List.copyOf(accepted), duplicates.get(), users - requestOfUser.size(), refused(result),
                result.retries(), result.latencies(), result.seconds());
    }

    /** Last answers other than 200 and 202 by status, in string order; "none" counts requests without one. */
    static Map<String, Long> refused(HttpLoad.Result result) {
        Map<String, Long> refused = new TreeMap<>();
        result.statuses().forEach((status, count) -> {
            if (status != 200 && status != 202) {
                refused.put(Integer.toString(status), count);
            }
        });
        if (result.failures() > 0) {
            refused.put("none", result.failures());
        }
        return refused;
    }

    /** The requestId of an answer's body; null if it has none or is not JSON. */
    static String requestIdOf(String body) {
        try {
            return JSON.readTree(body).path("requestId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String user(int index) {
        return "demo-user-" + index;
    }
}
