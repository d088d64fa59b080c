package com.rushgate.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A stack for the failure-path tests: fault injection available (off until a test turns it on),
 * and timeouts short enough that redeliveries, the DLQ and the reconciler act within seconds.
 */
public final class RecoveryStack {

    public static final Map<String, String> PARAMETERS = Map.of(
            "WorkerTimeoutSeconds", "3",
            "QueueVisibilityTimeoutSeconds", "5",
            "MaxReceiveCount", "2",
            "ReconcileReceivedAfterSeconds", "1",
            "ReconcileStaleAfterSeconds", "6");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    private RecoveryStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(TestStacks.options(PARAMETERS).withFaultInjection(true));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "recovery-stack-stop"));
        }
        return stack;
    }

    public static DynamoRequestStore requests() {
        return Tables.requestStore(get());
    }

    /** A request recorded as Ingest records it, for an event that may or may not exist. */
    public static ParticipationRequest received(String eventId, String userId) {
        Event event = Event.create(eventId, EventType.FCFS, 1, Instant.now().minusSeconds(60), null);
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        requests().insertIfAbsent(request);
        return request;
    }

    public static void send(ParticipationRequest request) {
        String body = WorkMessages.encode(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
        get().clients().sqs().sendMessage(s -> s.queueUrl(workQueue()).messageBody(body)
                .messageAttributes(Map.of("requestId", text(request.requestId().value()), "eventId", text(request.eventId()),
                        "acceptedAt", text(request.acceptedAt().toString()))));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String")
                .stringValue(value).build();
    }

    public static String workQueue() {
        return get().model().functionVariable("QUEUE_URL");
    }

    public static String deadLetterQueue() {
        return get().model().functionVariable("DLQ_URL");
    }

    public static long dlqDepth() {
        Map<QueueAttributeName, String> attributes = get().clients().sqs().getQueueAttributes(g -> g
                .queueUrl(deadLetterQueue())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Invokes a function by its handler class and reads its JSON answer. */
    public static JsonNode invoke(String handlerClass, String payload) {
        LocalStack s = get();
        Invocation invocation = s.invoke(s.model().functionWithHandler(handlerClass).logicalId(), payload);
        if (!invocation.succeeded()) {
            throw new AssertionError(handlerClass + " failed: " + invocation.payloadText());
        }
        try {
            return JSON.readTree(invocation.payload());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static JsonNode reconcile() {
        return invoke("com.rushgate.redrive.ReconcileHandler", "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}");
    }

    public static JsonNode redrive(String input) {
        return invoke("com.rushgate.redrive.RedriveHandler", input);
    }
}
