package com.rushgate.local.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local stack's fault injector, for tests and demos: fails a fraction of SQS sends to the work
 * queue (after Ingest's RECEIVED write), throttles a fraction of DynamoDB transitions, crashes the
 * worker right after a fraction of its claims, and makes the event's item hot: a fraction of the
 * transactions that touch the EventTable are cancelled with {@code TransactionConflict} on it
 * ({@code hotItemConflict}), another fraction with {@code ThrottlingError} and single-item writes to
 * it throttled ({@code hotItemThrottle}), per SDK attempt. Off unless the stack was started with
 * fault injection and a fraction is set. Poison messages are sent by the caller, see {@link #POISON}.
 */
public final class Faults {

    private static final String SQS_SEND = FaultInterceptor.SQS_SEND;
    private static final String DYNAMODB_THROTTLE = FaultInterceptor.DYNAMODB_THROTTLE;
    private static final String WORKER_CRASH = FaultInterceptor.WORKER_CRASH;
    private static final String WORK_QUEUE = FaultInterceptor.WORK_QUEUE;
    private static final String EVENT_TABLE = FaultInterceptor.EVENT_TABLE;
    private static final String HOT_ITEM_CONFLICT = FaultInterceptor.HOT_ITEM_CONFLICT;
    private static final String HOT_ITEM_THROTTLE = FaultInterceptor.HOT_ITEM_THROTTLE;
    /** Poison messages are counted under this name by whoever sends them. */
    public static final String POISON = "rushgate.faults.poison";

    private static final List<String> INJECTED = List.of(SQS_SEND, DYNAMODB_THROTTLE, WORKER_CRASH, HOT_ITEM_CONFLICT,
            HOT_ITEM_THROTTLE);
    private static final List<String> KINDS = List.of(SQS_SEND, DYNAMODB_THROTTLE, WORKER_CRASH, HOT_ITEM_CONFLICT,
            HOT_ITEM_THROTTLE, POISON);
    private static final String INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";
    private static Path classPath;

    private Faults() {
    }

    /**
     * Injects each kind of fault with probability {@code fraction}; 0 stops them.
     *
     * @param workQueueUrl the queue whose sends fail
     * @param eventTable   the table whose items are made hot
     */
    public static void set(double fraction, String workQueueUrl, String eventTable) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("a fault fraction is between 0 and 1");
        }
        System.setProperty(WORK_QUEUE, workQueueUrl);
        System.setProperty(EVENT_TABLE, eventTable);
        for (String kind : INJECTED) {
            System.setProperty(kind, Double.toString(fraction));
        }
    }

    /** The fraction currently injected (the same for every kind). */
    public static double level() {
        String value = System.getProperty(SQS_SEND);
        return value == null ? 0 : Double.parseDouble(value);
    }

    public static void off() {
        for (String kind : INJECTED) {
            System.setProperty(kind, "0");
        }
    }

    public static void count(String kind, long n) {
        ((AtomicLong) System.getProperties().computeIfAbsent(counterName(kind), k -> new AtomicLong())).addAndGet(n);
    }

    /** Faults injected so far, by kind. */
    public static Map<String, Long> injected() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String kind : KINDS) {
            Object counter = System.getProperties().get(counterName(kind));
            counts.put(kind.substring(kind.lastIndexOf('.') + 1), counter instanceof AtomicLong a ? a.get() : 0L);
        }
        return counts;
    }

    public static long total() {
        return injected().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String counterName(String kind) {
        return FaultInterceptor.counterName(kind);
    }

    /**
     * A directory with the interceptor's classes and the SDK's global interceptor list, to add to an
     * execution environment's class path. Built once per process.
     */
    public static synchronized URL interceptorClassPath() {
        try {
            if (classPath == null) {
                Path dir = Files.createTempDirectory("rushgate-faults");
                dir.toFile().deleteOnExit();
                for (Class<?> type : List.of(FaultInterceptor.class, FaultInterceptor.WorkerCrash.class)) {
                    String resource = type.getName().replace('.', '/') + ".class";
                    Path target = dir.resolve(resource);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = Faults.class.getClassLoader().getResourceAsStream(resource)) {
                        Files.copy(in, target);
                    }
                }
                Path list = dir.resolve(INTERCEPTORS);
                Files.createDirectories(list.getParent());
                Files.writeString(list, FaultInterceptor.class.getName() + "\n", StandardCharsets.UTF_8);
                classPath = dir;
            }
            return classPath.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the fault injector", e);
        }
    }
}
