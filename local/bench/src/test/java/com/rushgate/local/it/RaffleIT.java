package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.CreateEventCommand;
import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.DynamoRaffles;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.load.DrawVerification;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A raffle end to end on the local stack: entries recorded as Ingest records them and queued, the
 * workers enter them, the scheduled reconciler draws the raffle once it is due, the workers take the
 * decisions, and the published draw verifies through the public API, as a participant checks it.
 */
class RaffleIT {

    // Enough for 10 decision chunks and a page of entries; the bench draws 100,000 (docs/BENCHMARKS.md).
    private static final int ENTRIES = 1_000;
    private static final int CAPACITY = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        // The shared stack's timeouts are the template's: a worker has its 30 s for a batch of chunks.
        stack = SharedStack.get();
        api = new ApiClient(stack);
    }

    /**
     * Invokes a function by its handler class and reads its JSON answer; throttled (the workers may
     * hold the account's concurrency), it tries again, as an operator's client does.
     */
    private static JsonNode invoke(String handlerClass, String payload) throws IOException {
        String function = stack.model().functionWithHandler(handlerClass).logicalId();
        AtomicReference<Invocation> answered = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            answered.set(stack.invoke(function, payload));
            return !Invocation.THROTTLED.equals(answered.get().errorType());
        });
        Invocation invocation = answered.get();
        assertThat(invocation.succeeded()).as("%s: %s", handlerClass, invocation.payloadText()).isTrue();
        return JSON.readTree(invocation.payload());
    }

    /** A run of the scheduled reconciler, as EventBridge invokes it. */
    private static JsonNode reconcile() throws IOException {
        return invoke("com.rushgate.redrive.ReconcileHandler", "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}");
    }

    private static Event createRaffle(String eventId, int capacity, Instant opensAt, Instant closesAt) {
        DynamoRaffles raffles = new DynamoRaffles(stack.clients().dynamoDb(), stack.model().functionVariable("EVENT_TABLE"));
        return new CreateEventUseCase(raffles, () -> DrawSeed.random(new SecureRandom()))
                .create(new CreateEventCommand(eventId, EventType.RAFFLE, capacity, opensAt, closesAt));
    }

    /**
     * Records each entry as Ingest does (RECEIVED, in the arrival index, accepted now) and sends its
     * work message, from sixteen threads.
     */
    private static void enter(Event raffle, int count) {
        HmacUserKeys keys = new HmacUserKeys(new byte[32]);
        Sha256RequestIds ids = new Sha256RequestIds();
        DynamoRequestStore store = Tables.requestStore(stack);
        SqsWorkQueue queue = new SqsWorkQueue(stack.clients().sqs(), stack.model().functionVariable("QUEUE_URL"));
        inParallel(IntStream.range(0, count).mapToObj(i -> "entrant-" + i).map(user -> (Runnable) () -> {
            ParticipationRequest request = ParticipationRequest.received(ids.derive(raffle.eventId(), user), raffle,
                    user, keys.derive(user), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            store.insertIfAbsent(request);
            queue.send(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
        }).toList());
    }

    private static void inParallel(List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> task : done) {
                task.get(5, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode publicGet(String path) {
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.base().resolve(path)).GET());
        return reply.json();
    }

    /** Runs the reconciler (the schedule may have run it meanwhile) until it answers the raffle drawn. */
    private static boolean drawnBySchedule(String eventId) throws IOException {
        for (JsonNode draw : reconcile().path("draws")) {
            if (eventId.equals(draw.path("eventId").asText())
                    && List.of("DRAWN", "ALREADY_DRAWN").contains(draw.path("outcome").asText())) {
                return true;
            }
        }
        return Tables.statusCounts(stack, eventId).getOrDefault(RequestStatus.ENTERED, 0) == 0
                && "DRAWN".equals(publicGet("/events/" + eventId).path("state").asText());
    }

    @Test
    void entries_areDrawnOnSchedule_decidedOnce_andTheDrawVerifies() throws IOException {
        String eventId = SharedStack.newEventId("raffle-1k");
        Instant opensAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Event raffle = createRaffle(eventId, CAPACITY, opensAt, opensAt.plus(Duration.ofHours(1)));
        JsonNode before = publicGet("/events/" + eventId);
        assertThat(before.path("type").asText()).isEqualTo("RAFFLE");
        assertThat(before.path("commitment").asText()).isEqualTo(raffle.raffle().commitment());
        assertThat(before.has("draw")).as("no seed before the draw").isFalse();

        enter(raffle, ENTRIES);
        // Closed as an operator closes it once the entries are in; due after the settle window.
        assertThat(SharedStack.events(stack).close(eventId, Instant.now())).isTrue();

        // Entered, or already decided: the stack's own schedule may draw the raffle as soon as it can.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<RequestStatus, Integer> counts = Tables.statusCounts(stack, eventId);
            return counts.getOrDefault(RequestStatus.ENTERED, 0) + counts.getOrDefault(RequestStatus.SUCCEEDED, 0)
                    + counts.getOrDefault(RequestStatus.REJECTED, 0) == ENTRIES;
        });

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> drawnBySchedule(eventId));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<RequestStatus, Integer> counts = Tables.statusCounts(stack, eventId);
            return counts.getOrDefault(RequestStatus.SUCCEEDED, 0) + counts.getOrDefault(RequestStatus.REJECTED, 0)
                    == ENTRIES;
        });

        Map<RequestStatus, Integer> counts = Tables.statusCounts(stack, eventId);
        assertThat(counts).containsEntry(RequestStatus.SUCCEEDED, CAPACITY)
                .containsEntry(RequestStatus.REJECTED, ENTRIES - CAPACITY);
        DrawVerification.Result verified = new DrawVerification(api.base()).verify(eventId);
        assertThat(Tables.requestsOf(stack, eventId)).allSatisfy(item -> {
            if ("REJECTED".equals(item.get("status").s())) {
                assertThat(item.get("reason").s()).isEqualTo("NOT_DRAWN");
            }
            assertThat(Instant.parse(item.get("drawnAt").s())).as("decided by the one draw").isEqualTo(verified.drawnAt());
        });
        assertThat(verified.ok()).as("the published draw recomputes: %s", verified).isTrue();
        assertThat(verified.entries()).isEqualTo(ENTRIES);
        assertThat(verified.winners()).isEqualTo(CAPACITY);
        assertThat(publicGet("/events/" + eventId).path("draw").path("winners").asInt()).isEqualTo(CAPACITY);
    }

    @Test
    void publicEventView_answersWithoutAToken_andRefusesBadInputAsJson() {
        String drop = SharedStack.openFcfs(stack, "public-drop", 7);
        String raffle = SharedStack.newEventId("public-raffle");
        createRaffle(raffle, 3, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        ApiClient.Reply fcfs = api.send(HttpRequest.newBuilder(api.base().resolve("/events/" + drop)).GET());
        assertThat(fcfs.status()).isEqualTo(200);
        assertThat(fcfs.raw().headers().firstValue("Cache-Control")).hasValue("public, max-age=1");
        assertThat(fcfs.json().path("remaining").asInt()).isEqualTo(7);
        assertThat(fcfs.json().path("state").asText()).isEqualTo("OPEN");
        assertThat(fcfs.json().has("commitment")).isFalse();

        JsonNode open = publicGet("/events/" + raffle);
        assertThat(open.path("commitment").asText()).matches("[0-9a-f]{64}");
        assertThat(open.has("remaining")).isFalse();

        ApiClient.Reply unknown = api.send(HttpRequest.newBuilder(api.base().resolve("/events/no-such-event")).GET());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("EVENT_NOT_FOUND");
        ApiClient.Reply notDrawn = api.send(HttpRequest.newBuilder(
                api.base().resolve("/events/" + raffle + "/draw/entries")).GET());
        assertThat(notDrawn.status()).isEqualTo(404);
        ApiClient.Reply badPage = api.send(HttpRequest.newBuilder(
                api.base().resolve("/events/" + raffle + "/draw/winners?page=-1")).GET());
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.errorCode()).isEqualTo("INVALID_PAGE");
    }

    @Test
    void operatorsDraw_beforeTheRaffleIsDue_isRefusedWithItsDueTime() throws IOException {
        String raffle = SharedStack.newEventId("early-raffle");
        Instant closesAt = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        createRaffle(raffle, 3, Instant.now().minusSeconds(60), closesAt);

        JsonNode answer = invoke("com.rushgate.redrive.DrawHandler", "{\"eventId\":\"" + raffle + "\"}");

        assertThat(answer.path("outcome").asText()).isEqualTo("TOO_EARLY");
        assertThat(Instant.parse(answer.path("dueAt").asText())).isAfterOrEqualTo(closesAt);
    }
}
