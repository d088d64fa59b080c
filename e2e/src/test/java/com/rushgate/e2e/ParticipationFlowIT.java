package com.rushgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.e2e.Api.Reply;
import com.rushgate.e2e.targets.StackTables;
import com.rushgate.e2e.targets.Target;
import com.rushgate.e2e.targets.Targets;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path over HTTP: edge, Ingest, the queue, the worker, the tables; and that a participant
 * sees only their own requests.
 */
class ParticipationFlowIT {

    private static Target target;
    private static StackTables tables;
    private static Api api;
    private static ExecutorService clients;

    @BeforeAll
    static void start() {
        target = Targets.current();
        tables = target.tables();
        api = new Api(target);
        clients = Executors.newFixedThreadPool(50);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
    }

    private static void awaitAllFinal(String eventId, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<RequestStatus, Integer> counts = tables.statusCounts(eventId);
            int finals = counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
            assertThat(finals).as("final requests in %s: %s", eventId, counts).isEqualTo(expected);
        });
    }

    @Test
    void acceptedParticipation_isQueuedThenSucceeds() {
        String eventId = tables.openFcfs("flow", 3);

        Reply accepted = api.participate(eventId, "alice");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.field("status")).isEqualTo("QUEUED");
        String requestId = accepted.field("requestId");
        assertThat(accepted.field("statusUrl")).isEqualTo("/requests/" + requestId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "SUCCEEDED".equals(api.status(requestId, "alice").field("status")));
        Reply status = api.status(requestId, "alice");
        assertThat(status.field("eventId")).isEqualTo(eventId);
        assertThat(status.field("completedAt")).isNotBlank();
        assertThat(tables.remaining(eventId)).isEqualTo(2);
    }

    @Test
    void sequentialDuplicate_getsTheSameRequestAnd200() {
        String eventId = tables.openFcfs("dup", 3);

        Reply first = api.participate(eventId, "bob");
        Reply second = api.participate(eventId, "bob");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.field("requestId")).isEqualTo(first.field("requestId"));
        awaitAllFinal(eventId, 1);
        assertThat(tables.requestsOf(eventId)).hasSize(1);
        assertThat(tables.remaining(eventId)).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentSubmissionsFromOneUser_giveOneRequest() throws Exception {
        String eventId = tables.openFcfs("burst", 5);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> api.participate(eventId, "carol"));
        }

        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> reply : clients.invokeAll(calls)) {
            replies.add(reply.get());
        }

        Set<String> requestIds = new HashSet<>();
        int created = 0;
        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.body()).isIn(200, 202, 409);
            if (reply.status() == 409) {
                assertThat(reply.errorCode()).isEqualTo("IN_PROGRESS");
                assertThat(reply.header("Retry-After")).isEqualTo("1");
            } else {
                requestIds.add(reply.field("requestId"));
                created += reply.status() == 202 ? 1 : 0;
            }
        }
        assertThat(requestIds).hasSize(1);
        assertThat(created).isEqualTo(1);
        awaitAllFinal(eventId, 1);
        assertThat(tables.requestsOf(eventId)).hasSize(1);
        assertThat(tables.remaining(eventId)).as("one unit taken, not more").isEqualTo(4);
    }

    @Test
    void capacityTenWithHundredConcurrentUsers_givesExactlyTenWinners() throws Exception {
        String eventId = tables.openFcfs("fcfs", 10);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String user = "user-" + i;
            calls.add(() -> api.participate(eventId, user));
        }

        for (Future<Reply> reply : clients.invokeAll(calls)) {
            assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(202);
        }

        awaitAllFinal(eventId, 100);
        Map<RequestStatus, Integer> counts = tables.statusCounts(eventId);
        assertThat(counts).containsEntry(RequestStatus.SUCCEEDED, 10).containsEntry(RequestStatus.REJECTED, 90);
        assertThat(tables.remaining(eventId)).isZero();
        assertThat(tables.requestsOf(eventId))
                .filteredOn(item -> item.get("status").s().equals("REJECTED"))
                .allSatisfy(item -> assertThat(item.get("reason").s()).isEqualTo("SOLD_OUT"));
    }

    @Test
    void someoneElsesRequest_isNotFoundLikeAnUnknownOne() {
        String eventId = tables.openFcfs("own", 1);
        String requestId = api.participate(eventId, "dave").field("requestId");

        Reply notMine = api.status(requestId, "mallory");
        Reply unknown = api.status("rq_" + "a".repeat(32), "mallory");

        assertThat(notMine.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notMine.errorCode()).isEqualTo(unknown.errorCode()).isEqualTo("REQUEST_NOT_FOUND");
    }

    @Test
    void unknownEvent_is404AndStoresNothing() {
        String eventId = StackTables.newEventId("ghost");

        Reply reply = api.participate(eventId, "erin");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("EVENT_NOT_FOUND");
        assertThat(tables.requestsOf(eventId)).isEmpty();
    }

    @Test
    void badInput_getsAClear4xxAndStoresNothing() {
        String eventId = tables.openFcfs("bad", 5);
        String path = "/events/" + eventId + "/participations";

        Reply noToken = api.send(HttpRequest.newBuilder(api.uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
        Reply badEvent = api.send(HttpRequest.newBuilder(api.uri("/events/" + eventId + "%2F..%2Fx/participations"))
                .header("Authorization", api.bearer("frank")).POST(HttpRequest.BodyPublishers.noBody()));
        Reply oversized = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", api.bearer("frank"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientRef\":\"" + "x".repeat(5000) + "\"}")));
        Reply malformed = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", api.bearer("frank"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"clientRef\":")));
        Reply wrongType = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", api.bearer("frank"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertThat(noToken.status()).isEqualTo(401);
        Refusals.assertRefused(target, badEvent, 400, "INVALID_EVENT_ID");
        // The body model (clientRef at most 128 characters) refuses it at the gateway, before Ingest's own 4 KB check.
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.errorCode()).isEqualTo("INVALID_BODY");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID_BODY");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(tables.requestsOf(eventId)).isEmpty();
        assertThat(tables.remaining(eventId)).isEqualTo(5);
    }
}
