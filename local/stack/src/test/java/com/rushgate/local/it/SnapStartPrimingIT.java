package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.DeadLetter;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoEventCounts;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsDeadLetters;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.lambda.SnapStartEnvironment;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.triggers.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every function's SnapStart hooks against DynamoDB Local and ElasticMQ: each function is initialised
 * from the template's environment in a fresh execution environment, primed and restored as a publish
 * and a restore would; every table and queue must be exactly as before, and a real request through
 * the same environment must still work.
 *
 * <p>A stack of its own with no pollers and no schedules: nothing else moves the tables while a test
 * compares them.
 */
class SnapStartPrimingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(TestStacks.options(Map.of()).withTriggers(false));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void ingest_primesWithoutWriting_thenAcceptsARealParticipation() throws Exception {
        String eventId = openFcfs("ingest", 3);
        State before = State.of(stack);

        try (SnapStartEnvironment ingest = SnapStartEnvironment.start(stack.function("IngestFunction"))) {
            assertAllOk(ingest.checkpointAndRestore(), "ingest: participation answered as a duplicate, then replayed");
            assertThat(State.of(stack)).isEqualTo(before);

            JsonNode response = payload(ingest.invoke(participation(eventId, "alice")));

            assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(202);
        }
        assertThat(Tables.statusCounts(stack, eventId)).containsEntry(RequestStatus.QUEUED, 1);
        assertThat(queued(State.of(stack))).isEqualTo(queued(before) + 1);
    }

    private static int queued(State state) {
        return Integer.parseInt(state.queues().get("WorkQueue").get("ApproximateNumberOfMessages"));
    }

    @Test
    void status_primesWithoutWriting_thenShowsARealRequestToItsOwner() throws Exception {
        String eventId = openFcfs("status", 1);
        ParticipationRequest request = received(eventId, "bruno");
        State before = State.of(stack);

        try (SnapStartEnvironment status = SnapStartEnvironment.start(stack.function("StatusFunction"))) {
            assertAllOk(status.checkpointAndRestore(), "status: status of the priming request");
            assertThat(State.of(stack)).isEqualTo(before);

            JsonNode response = payload(status.invoke(statusOf(request)));

            assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
            assertThat(JSON.readTree(response.get("body").asText()).get("status").asText()).isEqualTo("RECEIVED");
        }
    }

    @Test
    void worker_primesWithoutWritingOrDeadLettering_thenDecidesARealRecord() throws Exception {
        String eventId = openFcfs("worker", 1);
        ParticipationRequest request = received(eventId, "chloe");
        State before = State.of(stack);

        try (SnapStartEnvironment worker = SnapStartEnvironment.start(stack.function("WorkerFunction"))) {
            assertAllOk(worker.checkpointAndRestore(), "worker: batch with the priming request, decided and acknowledged");
            assertThat(State.of(stack)).isEqualTo(before);

            JsonNode response = payload(worker.invoke(batch(request)));

            assertThat(response.get("batchItemFailures")).isEmpty();
        }
        assertThat(requests().find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
        assertThat(Tables.remaining(stack, eventId)).isZero();
    }

    @Test
    void reconcile_primesWithoutWriting_thenRunsForReal() throws Exception {
        State before = State.of(stack);

        try (SnapStartEnvironment reconcile = SnapStartEnvironment.start(stack.function("ReconcileFunction"))) {
            assertAllOk(reconcile.checkpointAndRestore(), "reconcile: reconcile run that finds nothing");
            assertThat(State.of(stack)).isEqualTo(before);

            Invocation run = reconcile.invoke(Scheduler.scheduledEvent(stack.options().region(),
                    "arn:aws:events:" + stack.options().region() + ":000000000000:rule/priming-it"));

            assertThat(run.succeeded()).as(run.payloadText()).isTrue();
            assertThat(payload(run).has("examined")).isTrue();
        }
    }

    @Test
    void redrive_primesWithoutReceivingFromTheDlq_andLogsNoTraffic_thenRedrivesForReal() throws Exception {
        String eventId = openFcfs("redrive", 1);
        ParticipationRequest request = received(eventId, "dmitri");
        requests().giveUp(request.requestId(), FailureReason.RETRIES_EXHAUSTED, Instant.now());
        new SqsDeadLetters(stack.clients().sqs(), stack.model().functionVariable("DLQ_URL")).send(new DeadLetter(null,
                new WorkMessage(request.requestId(), eventId, request.acceptedAt()), "m-" + eventId, "UNKNOWN_EVENT",
                "the event was missing", Instant.now()));
        State before = State.of(stack);
        Path log = stack.options().functionLogs().resolve("RedriveFunction.log");

        try (SnapStartEnvironment redrive = SnapStartEnvironment.start(stack.function("RedriveFunction"))) {
            assertAllOk(redrive.checkpointAndRestore(), "redrive: dry run over an empty DLQ");
            assertThat(State.of(stack)).as("the DLQ message stays visible").isEqualTo(before);
            assertThat(read(log)).contains("SnapStart priming of redrive").doesNotContain("redrive done");

            JsonNode report = payload(redrive.invoke("{}"));

            assertThat(report.get("redriven").asInt()).as(report.toString()).isEqualTo(1);
            assertThat(read(log)).contains("redrive done");
        }
        assertThat(requests().find(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void admin_primesWithoutWriting_thenRestocksARealEvent() throws Exception {
        String eventId = openFcfs("admin", 3);
        State before = State.of(stack);

        try (SnapStartEnvironment admin = SnapStartEnvironment.start(stack.function("AdminFunction"))) {
            assertAllOk(admin.checkpointAndRestore(), "admin: view of the priming event, its counts and the queues");
            assertThat(State.of(stack)).isEqualTo(before);

            JsonNode response = payload(admin.invoke(restock(eventId, 5)));

            assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        }
        assertThat(Tables.remaining(stack, eventId)).isEqualTo(8);
    }

    /** events/admin.json: an operator's signed restock of {@code eventId}. */
    private static String restock(String eventId, int units) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("admin.json")).toFile());
        ((ObjectNode) event.get("pathParameters")).put("eventId", eventId);
        event.put("path", "/admin/events/" + eventId + "/restock");
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/admin/events/" + eventId + "/restock");
        event.put("body", "{\"units\":" + units + "}");
        return event.toString();
    }

    @Test
    void tally_primesWithoutWriting_thenCountsARealBatch() throws Exception {
        String eventId = openFcfs("tally", 1);
        String countsTable = stack.model().table("CountsTable").name();
        State before = State.of(stack);

        try (SnapStartEnvironment tally = SnapStartEnvironment.start(stack.function("TallyFunction"))) {
            assertAllOk(tally.checkpointAndRestore(), "tally: stream batch of the priming request, folded and answered");
            assertThat(State.of(stack)).isEqualTo(before);

            JsonNode response = payload(tally.invoke(StreamBatches.received(eventId, "rq_priming_it", "shard-it", 7,
                    stack.model().streamTriggers().get(0).sourceArn())));

            assertThat(response.get("batchItemFailures")).isEmpty();
        }
        assertThat(new DynamoEventCounts(stack.clients().dynamoDb(), countsTable, 5).read(eventId, Instant.now()).accepted())
                .isEqualTo(1);
    }

    /** Every step ran and succeeded, the named one included. */
    private static void assertAllOk(Map<String, String> outcomes, String expectedStep) {
        assertThat(outcomes).containsKey(expectedStep)
                .allSatisfy((step, outcome) -> assertThat(outcome).as(step).isEqualTo("ok"));
    }

    /** Every item of every table, and the message counts of every queue. */
    private record State(Map<String, List<Map<String, AttributeValue>>> tables, Map<String, Map<String, String>> queues) {

        static State of(LocalStack stack) {
            Map<String, List<Map<String, AttributeValue>>> tables = new LinkedHashMap<>();
            for (StackModel.TableSpec table : stack.model().tables()) {
                List<Map<String, AttributeValue>> items = new ArrayList<>(stack.clients().dynamoDb()
                        .scanPaginator(scan -> scan.tableName(table.name()).consistentRead(true)).items().stream().toList());
                items.sort(Comparator.comparing(Map::toString));
                tables.put(table.logicalId(), items);
            }
            Map<String, Map<String, String>> queues = new LinkedHashMap<>();
            for (StackModel.QueueSpec queue : stack.model().queues()) {
                queues.put(queue.logicalId(), stack.clients().sqs().getQueueAttributes(get -> get.queueUrl(queue.url())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings());
            }
            return new State(tables, queues);
        }
    }

    private static DynamoRequestStore requests() {
        return Tables.requestStore(stack);
    }

    private static String openFcfs(String prefix, int capacity) {
        String eventId = SharedStack.newEventId("snapstart-" + prefix);
        new DynamoEventCatalog(stack.clients().dynamoDb(), stack.model().functionVariable("EVENT_TABLE"))
                .create(Event.create(eventId, EventType.FCFS, capacity, Instant.now().minusSeconds(60), null));
        return eventId;
    }

    private static ParticipationRequest received(String eventId, String userId) {
        Event event = TestStacks.events(stack).find(eventId).orElseThrow();
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        assertThat(requests().insertIfAbsent(request)).isEmpty();
        return request;
    }

    private static String participation(String eventId, String userId) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("participate.json")).toFile());
        ((ObjectNode) event.get("pathParameters")).put("eventId", eventId);
        event.put("path", "/events/" + eventId + "/participations");
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/events/" + eventId + "/participations");
        ((ObjectNode) event.at("/requestContext/authorizer/claims")).put("sub", userId);
        return event.toString();
    }

    private static String statusOf(ParticipationRequest request) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("status.json")).toFile());
        String id = request.requestId().value();
        ((ObjectNode) event.get("pathParameters")).put("requestId", id);
        event.put("path", "/requests/" + id);
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/requests/" + id);
        ((ObjectNode) event.at("/requestContext/authorizer/claims")).put("sub", request.userId());
        return event.toString();
    }

    private static String batch(ParticipationRequest request) throws IOException {
        JsonNode sample = JSON.readTree(Path.of(Fixtures.event("worker-batch.json")).toFile());
        ObjectNode record = ((ObjectNode) sample.get("Records").get(0)).deepCopy();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("body", WorkMessages.encode(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt())));
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.add(record);
        return event.toString();
    }


    private static JsonNode payload(Invocation invocation) throws IOException {
        assertThat(invocation.succeeded()).as(invocation.payloadText()).isTrue();
        return JSON.readTree(invocation.payload());
    }

    private static String read(Path log) throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
