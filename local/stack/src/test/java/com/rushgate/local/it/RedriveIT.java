package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Messages of requests that failed for good (their event did not exist) come back from the DLQ,
 * by the Redrive function and by SQS's own message move task, once the event exists.
 */
class RedriveIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = RecoveryStack.get();
    }

    private static RequestStatus statusOf(ParticipationRequest request) {
        return RecoveryStack.requests().find(request.requestId()).orElseThrow().status();
    }

    /** Requests for an event that does not exist yet: the worker fails them and dead-letters their messages. */
    private static List<ParticipationRequest> failedForGood(String eventId, int count, int copies) {
        List<ParticipationRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ParticipationRequest request = RecoveryStack.received(eventId, "user-" + i);
            for (int copy = 0; copy < copies; copy++) {
                RecoveryStack.send(request);
            }
            requests.add(request);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(requests).allSatisfy(r -> assertThat(statusOf(r)).isEqualTo(RequestStatus.FAILED_FINAL));
            // A second copy of a message can claim the request again for a moment (its reason is then
            // gone): an assertion, not an exception, so that the wait goes on.
            assertThat(Tables.requestsOf(stack, eventId)).allSatisfy(item ->
                    assertThat(item).extractingByKey("reason").isEqualTo(AttributeValue.fromS("UNKNOWN_EVENT")));
        });
        // The worker writes FAILED_FINAL, then sends to the DLQ: wait until every copy is there.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> RecoveryStack
                .redrive("{\"eventId\":\"" + eventId + "\",\"dryRun\":true}").path("examined").asInt() == count * copies);
        return requests;
    }

    private static void createEvent(String eventId, int capacity) {
        SharedStack.events(stack).create(Event.create(eventId, EventType.FCFS, capacity, Instant.now().minusSeconds(3600), null));
    }

    @Test
    void redriveFunction_bringsFailedRequestsBackAndEmptiesTheirDlqMessages() {
        String eventId = SharedStack.newEventId("redrive");
        List<ParticipationRequest> failed = failedForGood(eventId, 3, 1);
        createEvent(eventId, 10);

        JsonNode dryRun = RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\",\"dryRun\":true}");
        assertThat(dryRun.path("redriven").asInt()).isEqualTo(3);
        assertThat(failed).allSatisfy(r -> assertThat(statusOf(r)).isEqualTo(RequestStatus.FAILED_FINAL));

        JsonNode report = RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\",\"reason\":\"event restored\"}");

        assertThat(report.path("examined").asInt()).isEqualTo(3);
        assertThat(report.path("redriven").asInt()).isEqualTo(3);
        assertThat(report.path("dryRun").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(failed).allSatisfy(r -> assertThat(statusOf(r)).isEqualTo(RequestStatus.SUCCEEDED)));
        assertThat(RecoveryStack.requests().find(failed.get(0).requestId()).orElseThrow().redriveCount()).isEqualTo(1);
        assertThat(RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\"}").path("examined").asInt())
                .as("nothing of this event is left in the DLQ").isZero();
    }

    @Test
    void consoleRedrive_messageMoveTaskBackToTheSourceQueue_isAcceptedByTheWorker() {
        String eventId = SharedStack.newEventId("console");
        List<ParticipationRequest> failed = failedForGood(eventId, 2, 1);
        createEvent(eventId, 10);
        String dlqArn = stack.model().queues().stream().filter(q -> q.url().equals(RecoveryStack.deadLetterQueue()))
                .findFirst().orElseThrow().arn();

        stack.clients().sqs().startMessageMoveTask(s -> s.sourceArn(dlqArn));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(failed).allSatisfy(r -> assertThat(statusOf(r)).isEqualTo(RequestStatus.SUCCEEDED)));
        assertThat(Tables.remaining(stack, eventId)).isEqualTo(8);
        // The task moves everything in the DLQ; other tests' messages must not be moved under them.
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.clients().sqs()
                .listMessageMoveTasks(l -> l.sourceArn(dlqArn)).results().stream()
                .allMatch(task -> "COMPLETED".equals(task.status())));
    }

    @Test
    void twoRedrivesAtOnce_decideEveryRequestOnce() {
        String eventId = SharedStack.newEventId("twice");
        List<ParticipationRequest> failed = failedForGood(eventId, 12, 2);
        // More stock than requests: a request decided twice would take two units and show in remaining.
        createEvent(eventId, 20);

        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(
                () -> RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\"}"));
        CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(
                () -> RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\"}"));
        int redriven = first.join().path("redriven").asInt() + second.join().path("redriven").asInt();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(failed).allSatisfy(r -> assertThat(statusOf(r).isDecided()).isTrue()));
        Map<RequestStatus, Integer> counts = Tables.statusCounts(stack, eventId);
        assertThat(counts).containsOnly(Map.entry(RequestStatus.SUCCEEDED, 12));
        assertThat(Tables.remaining(stack, eventId)).as("one unit per request, never two").isEqualTo(8);
        // The first redriven message makes the event's allocator serve the whole line, FAILED_FINAL
        // requests included; the DLQ copies of requests it granted meanwhile are dropped, not sent.
        assertThat(redriven).as("at most one redrive per request").isBetween(1, 12);
        assertThat(Tables.requestsOf(stack, eventId))
                .allSatisfy(item -> assertThat(Integer.parseInt(item.get("redriveCount").n())).isBetween(0, 1));
    }
}
