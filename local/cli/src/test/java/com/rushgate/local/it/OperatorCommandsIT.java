package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.cli.Main;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * An operator runs a drop with the command line only, through its real entry point, against the
 * shared local stack (it publishes its endpoints in its state directory, as {@code ./rushgate start} does): every command goes through the admin API, signed with the stack's operator
 * key. Participants come over HTTP as they do in the other tests.
 */
class OperatorCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    /** What one command line printed, and its exit code. */
    private record Run(int exit, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(out + err, e);
            }
        }
    }

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private static Run cli(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.add("--state-dir");
        line.add(stack.options().stateDir().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void participate(ApiClient api, String eventId, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(api.participate(eventId, "fan-" + i).status()).isEqualTo(202);
        }
    }

    @Test
    void aDrop_createdWatchedRestockedAndClosed_throughTheCommandLine() {
        String drop = SharedStack.newEventId("cli-drop");
        ApiClient api = new ApiClient(stack);

        Run created = cli("create-event", "--id", drop, "--type", "FCFS", "--capacity", "3");
        Run again = cli("create-event", "--id", drop, "--type", "FCFS", "--capacity", "3");
        participate(api, drop, 0, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("event", drop, "--json").json().at("/event/remaining").asInt() == 0);
        Run watched = cli("event", drop);
        Run restocked = cli("restock", drop, "--units", "2");
        participate(api, drop, 5, 7);
        await().atMost(Duration.ofSeconds(30)).until(() -> Tables.statusCounts(stack, drop)
                .getOrDefault(RequestStatus.SUCCEEDED, 0) == 5);
        Run closed = cli("close", drop);
        Run closedAgain = cli("close", drop);
        Run listed = cli("list-events");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("created FCFS event " + drop + ": OPEN, capacity 3, remaining 3");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: EVENT_EXISTS: ");
        assertThat(again.out()).isEmpty();
        assertThat(watched.exit()).isZero();
        assertThat(watched.out()).contains("event " + drop).contains("remaining        0").contains("queue");
        assertThat(restocked.out()).startsWith("restocked FCFS event " + drop + ": OPEN, capacity 5, remaining 2");
        assertThat(closed.out()).startsWith("closed FCFS event " + drop + ": CLOSED");
        assertThat(closedAgain.exit()).isEqualTo(1);
        assertThat(closedAgain.err()).startsWith("error: EVENT_CLOSED: ");
        assertThat(listed.out()).containsPattern(drop + " +FCFS +CLOSED +5 +0 ");
        assertThat(Tables.remaining(stack, drop)).isZero();
    }

    @Test
    void aFailedRequest_isListedInTheDlq_andRedrivenOnceItsEventExists_throughTheCommandLine() {
        String late = SharedStack.newEventId("cli-late");
        ParticipationRequest request = receivedAndQueued(late, "fan-late");
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("dlq", "list", "--event", late, "--json").json()
                .path("count").asInt() == 1);

        Run listed = cli("dlq", "list", "--event", late);
        Run created = cli("create-event", "--id", late, "--type", "FCFS", "--capacity", "1", "--opens",
                Instant.now().minus(Duration.ofHours(1)).toString());
        Run dryRun = cli("redrive", "--event", late, "--dry-run");
        Run redriven = cli("redrive", "--event", late, "--reason", "event created");
        await().atMost(Duration.ofSeconds(30)).until(() -> Tables.requestStore(stack).find(request.requestId())
                .orElseThrow().status() == RequestStatus.SUCCEEDED);
        Run empty = cli("dlq", "list", "--event", late);

        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(request.requestId().value()).contains("UNKNOWN_EVENT")
                .contains("1 message(s) for event " + late);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(dryRun.out()).isEqualTo("dry run of event " + late + ": 1 examined, 1 redriven, 0 skipped, 0 failed\n");
        assertThat(redriven.out()).isEqualTo("redrive of event " + late + ": 1 examined, 1 redriven, 0 skipped, 0 failed\n");
        assertThat(empty.out()).contains("0 message(s) for event " + late);
    }

    @Test
    void theCommandLine_withoutARunningStackOrAgainstAnUnknownRoute_saysWhat() {
        Path none = TestStacks.tempDir("rushgate-cli-none");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int noStack = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "list-events", "--state-dir",
                none.toString());
        Run wrongUrl = cli("list-events", "--api", stack.apiEndpoint().orElseThrow() + "/Prod", "--region", "us-east-1");

        assertThat(noStack).isEqualTo(2);
        assertThat(err.toString()).contains("no running stack").contains("--stack NAME or --api URL");
        assertThat(wrongUrl.exit()).as("API Gateway's answer to an unknown route").isEqualTo(1);
        assertThat(wrongUrl.err()).startsWith("error: MISSING_AUTHENTICATION_TOKEN: ");
    }

    /** A request recorded and queued as Ingest does it, for an event that does not exist (yet). */
    private static ParticipationRequest receivedAndQueued(String eventId, String userId) {
        Event unknown = Event.create(eventId, EventType.FCFS, 1, Instant.now().minusSeconds(60), null);
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), unknown,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        Tables.requestStore(stack).insertIfAbsent(request);
        String body = WorkMessages.encode(new WorkMessage(request.requestId(), eventId, request.acceptedAt()));
        stack.clients().sqs().sendMessage(s -> s.queueUrl(stack.model().functionVariable("QUEUE_URL")).messageBody(body)
                .messageAttributes(Map.of("requestId", text(request.requestId().value()), "eventId", text(eventId),
                        "acceptedAt", text(request.acceptedAt().toString()))));
        return request;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
