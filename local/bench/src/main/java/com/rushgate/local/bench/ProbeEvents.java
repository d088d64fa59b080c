package com.rushgate.local.bench;

import com.rushgate.local.triggers.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The events a cold-start probe invokes a function with, written to files: the repository's sample
 * events (events/) made to act on real requests of the running stack, each invocation on a fresh
 * one where it matters, so that a warm call does the same work as the first.
 */
final class ProbeEvents {

    /** What the bench provides: real requests in the running stack for the invocations to act on. */
    interface Fixtures {
        /** A new open FCFS event of this capacity; its id. */
        String event(int capacity);

        /** Participations of these users, recorded and queued as Ingest would; their requestIds. */
        List<String> participations(String eventId, List<String> users) throws InterruptedException;
    }

    private static final String SAMPLE_EVENT_ID = "drop-1";
    private static final String SAMPLE_SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";
    private static final String SAMPLE_REQUEST_ID = "rq_p5epocs3zg3aasllvab3vxcx3sma2hjq";

    private final Path samples;
    private final Path work;
    private final Fixtures fixtures;
    private int counter;

    /**
     * @param root the repository, whose events/ holds the samples
     * @param work where the event files are written
     */
    ProbeEvents(Path root, Path work, Fixtures fixtures) {
        this.samples = root.resolve("events");
        this.work = work;
        this.fixtures = fixtures;
    }

    /** Event files for {@code count} invocations of the target's handler, in order. */
    List<Path> events(ProbeTarget target, int count) throws IOException, InterruptedException {
        List<String> payloads = new ArrayList<>();
        String handler = target.handler();
        String batch = "cs" + (++counter);
        if (handler.startsWith("com.rushgate.ingest.")) {
            String eventId = fixtures.event(1_000_000);
            String sample = sample("participate.json");
            for (int i = 0; i < count; i++) {
                payloads.add(sample.replace(SAMPLE_EVENT_ID, eventId).replace(SAMPLE_SUB, batch + "-user-" + i));
            }
        } else if (handler.startsWith("com.rushgate.status.")) {
            String eventId = fixtures.event(1_000_000);
            String user = batch + "-user";
            String requestId = fixtures.participations(eventId, List.of(user)).get(0);
            String sample = sample("status.json").replace(SAMPLE_REQUEST_ID, requestId).replace(SAMPLE_SUB, user);
            for (int i = 0; i < count; i++) {
                payloads.add(sample);
            }
        } else if (handler.startsWith("com.rushgate.worker.")) {
            String eventId = fixtures.event(1_000_000);
            List<String> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                users.add(batch + "-user-" + i);
            }
            String sample = sample("worker-batch.json");
            for (String requestId : fixtures.participations(eventId, users)) {
                payloads.add(sample.replace(SAMPLE_REQUEST_ID, requestId).replace(SAMPLE_EVENT_ID, eventId));
            }
            // The worker grants a request only once its settle window (FCFS) has passed; a probe
            // started sooner would time that wait, not the function.
            untilSettled(System.nanoTime(), target.environment());
        } else if (handler.startsWith("com.rushgate.redrive.RedriveHandler")) {
            for (int i = 0; i < count; i++) {
                payloads.add("{\"dryRun\":true,\"maxMessages\":1,\"reason\":\"bench\"}");
            }
        } else if (handler.startsWith("com.rushgate.redrive.DrawHandler")) {
            // An FCFS event: the draw reads it and answers NOT_A_RAFFLE, drawing and writing nothing.
            String eventId = fixtures.event(1_000_000);
            for (int i = 0; i < count; i++) {
                payloads.add("{\"eventId\":\"" + eventId + "\",\"excludeFailed\":false}");
            }
        } else if (handler.startsWith("com.rushgate.events.")) {
            String eventId = fixtures.event(1_000_000);
            String sample = sample("event-info.json").replace("raffle-1", eventId);
            for (int i = 0; i < count; i++) {
                payloads.add(sample);
            }
        } else if (handler.startsWith("com.rushgate.admin.")) {
            // The operator's view of an event, with its counts and the queues: reads only.
            String eventId = fixtures.event(1_000_000);
            String sample = sample("admin.json").replace("/restock", "").replace("\"POST\"", "\"GET\"")
                    .replace("drop-1", eventId).replace("\"body\": \"{\\\"units\\\":20}\"", "\"body\": null");
            for (int i = 0; i < count; i++) {
                payloads.add(sample);
            }
        } else if (handler.startsWith("com.rushgate.tally.")) {
            // Each invocation counts one request of a fresh event: its own shard, so none is a redelivery.
            String eventId = fixtures.event(1_000_000);
            String sample = sample("tally-batch.json");
            for (int i = 0; i < count; i++) {
                payloads.add(sample.replace(SAMPLE_EVENT_ID, eventId).replace("shardId-sample", batch + "-shard-" + i));
            }
        } else if (handler.startsWith("com.rushgate.redrive.ReconcileHandler")) {
            for (int i = 0; i < count; i++) {
                payloads.add(Scheduler.scheduledEvent(target.environment().getOrDefault("AWS_REGION", "eu-west-1"),
                        "arn:aws:events:eu-west-1:000000000000:rule/bench"));
            }
        } else {
            for (int i = 0; i < count; i++) {
                payloads.add("{\"n\":" + i + "}");
            }
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Path file = work.resolve(batch + "-event-" + i + ".json");
            Files.writeString(file, payloads.get(i), StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /** Returns once the settle window of requests accepted by {@code acceptedNanos} has passed. */
    private static void untilSettled(long acceptedNanos, Map<String, String> environment) throws InterruptedException {
        long settleNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(environment.getOrDefault("ARRIVAL_SETTLE_MS", "0")));
        long left;
        while ((left = acceptedNanos + settleNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private String sample(String name) throws IOException {
        return Files.readString(samples.resolve(name), StandardCharsets.UTF_8);
    }
}
