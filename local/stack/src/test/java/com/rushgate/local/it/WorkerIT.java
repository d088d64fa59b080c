package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The worker function invoked directly with SQS events shaped like events/worker-batch.json,
 * against the real tables.
 */
class WorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static DynamoRequestStore requests;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        requests = Tables.requestStore(stack);
    }

    private static ParticipationRequest received(String eventId, String userId) {
        Event event = SharedStack.events(stack).find(eventId).orElseThrow();
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        assertThat(requests.insertIfAbsent(request)).isEmpty();
        return request;
    }

    /** The fixture batch with its first record carrying {@code request}, once per message id given. */
    private static String batch(ParticipationRequest request, String... messageIds) throws Exception {
        JsonNode sample = JSON.readTree(Path.of(Fixtures.event("worker-batch.json")).toFile());
        ObjectNode template = (ObjectNode) sample.get("Records").get(0);
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (String messageId : messageIds) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", messageId);
            record.put("body", WorkMessages.encode(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt())));
            records.add(record);
        }
        return event.toString();
    }

    private static Map<String, AttributeValue> item(ParticipationRequest request) {
        return stack.clients().dynamoDb().getItem(g -> g.tableName(Tables.requestTable(stack))
                .key(Map.of("requestId", AttributeValue.fromS(request.requestId().value()))).consistentRead(true)).item();
    }

    @Test
    void requestStillReceived_isDecidedByTheWorker() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "received", 1);
        ParticipationRequest request = received(eventId, "gina");

        Invocation invocation = stack.invoke("WorkerFunction", batch(request, UUID.randomUUID().toString()));

        assertThat(invocation.succeeded()).as(invocation.payloadText()).isTrue();
        assertThat(JSON.readTree(invocation.payload()).get("batchItemFailures")).isEmpty();
        assertThat(item(request).get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(Tables.remaining(stack, eventId)).isZero();
    }

    @Test
    void redeliveringProcessedMessages_changesNothing() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "redeliver", 2);
        ParticipationRequest request = received(eventId, "hank");
        stack.invoke("WorkerFunction", batch(request, UUID.randomUUID().toString()));
        Map<String, AttributeValue> decided = item(request);
        assertThat(decided.get("status").s()).isEqualTo("SUCCEEDED");

        Invocation again = stack.invoke("WorkerFunction",
                batch(request, UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()));

        assertThat(JSON.readTree(again.payload()).get("batchItemFailures")).isEmpty();
        assertThat(item(request)).isEqualTo(decided);
        assertThat(Tables.remaining(stack, eventId)).isEqualTo(1);
    }

    @Test
    void messageForAnUnknownEvent_failsTheRequestAndGoesToTheDlq() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "vanishing", 1);
        ParticipationRequest request = received(eventId, "ivan");
        stack.clients().dynamoDb().deleteItem(d -> d.tableName(stack.model().functionVariable("EVENT_TABLE"))
                .key(Map.of("eventId", AttributeValue.fromS(eventId))));

        Invocation invocation = stack.invoke("WorkerFunction", batch(request, UUID.randomUUID().toString()));

        assertThat(JSON.readTree(invocation.payload()).get("batchItemFailures")).isEmpty();
        assertThat(item(request).get("status").s()).isEqualTo(RequestStatus.FAILED_FINAL.name());
        assertThat(item(request).get("reason").s()).isEqualTo("UNKNOWN_EVENT");
        String dlq = stack.model().functionVariable("DLQ_URL");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.clients().sqs()
                .receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).messageAttributeNames("All")).messages())
                .anySatisfy(m -> {
                    assertThat(m.messageAttributes().get("errorType").stringValue()).isEqualTo("UNKNOWN_EVENT");
                    assertThat(m.messageAttributes().get("requestId").stringValue()).isEqualTo(request.requestId().value());
                    assertThat(m.body().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
                }));
    }
}
