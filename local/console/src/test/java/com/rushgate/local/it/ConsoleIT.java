package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.console.Console;
import com.rushgate.local.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The console in a real browser (Debian's headless Chromium) on a real local stack: an operator
 * watches a drop of a few hundred participants over HTTP, sees its counts move, redrives a
 * dead-lettered request after confirming, sees the DLQ drain, and closes the drop. Screenshots go to
 * {@code target/console-screenshots}: {@code console-drop.png} while the drop runs, {@code console.png}
 * once it is closed, {@code console-at-end.png} as the test left the browser (its analytics page).
 */
class ConsoleIT {

    private static final int PARTICIPANTS = 200;
    private static final int CAPACITY = 100;
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** Participants refused for good: none should be. */
    private static final List<String> REFUSED = new CopyOnWriteArrayList<>();

    private static LocalStack stack;
    private static URI console;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Path state = TestStacks.tempDir("rushgate-console");
        browser = Chromium.start(state.resolve("chromium-profile"));
        stack = TestStacks.start(Map.of());
        console = Console.mount(stack);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            // The page as the test left it, pass or fail: what CI keeps to look at.
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("console-at-end.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void operatorWatchesADrop_redrivesADeadLetteredRequest_andClosesTheDrop() throws IOException {
        // given: an open drop, and a request dead-lettered because its event was created too late
        String drop = SharedStack.newEventId("drop");
        String late = SharedStack.newEventId("late");
        TestStacks.events(stack).create(Event.create(drop, EventType.FCFS, CAPACITY, Instant.now().minusSeconds(60), null));
        ParticipationRequest deadLettered = deadLetter(late, "late-user");
        TestStacks.events(stack).create(Event.create(late, EventType.FCFS, 5, Instant.now().minusSeconds(3600), null));

        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("console-drop.png"));
        browser.get(console.toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(By.id("status"))).startsWith("live"));
        assertThat(cell(drop, "accepted")).isEqualTo("0");

        // when: the drop's participants arrive, 40 every half second
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicInteger answered = sendParticipants(drop);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(REFUSED).isEmpty();
            long accepted = Long.parseLong(cell(drop, "accepted").replace(",", ""));
            if (seen.isEmpty() || seen.get(seen.size() - 1) != accepted) {
                seen.add(accepted);
                if (accepted > 0 && accepted < PARTICIPANTS && !Files.exists(SCREENSHOTS.resolve("console-drop.png"))) {
                    Files.write(SCREENSHOTS.resolve("console-drop.png"), browser.getScreenshotAs(OutputType.BYTES));
                }
            }
            return accepted == PARTICIPANTS;
        });

        // then: the page showed the count rising, and every participant decided
        // The counts see a request once it is recorded, a moment before its participant is answered.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(answered.get()).as("participants answered 200 or 202").isEqualTo(PARTICIPANTS));
        assertThat(seen).as("accepted as the page showed it, poll after poll").isSorted()
                .filteredOn(n -> n > 0 && n < PARTICIPANTS).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cell(drop, "succeeded")).isEqualTo(String.valueOf(CAPACITY));
            assertThat(cell(drop, "remaining")).startsWith("0");
            assertThat(cell(drop, "rejected")).startsWith(String.valueOf(PARTICIPANTS - CAPACITY)).contains("SOLD_OUT");
        });

        // when: the operator redrives the late event's dead-lettered request
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cell(late, "dlq")).isEqualTo("1");
            assertThat(text(By.id("queue-dlq"))).isEqualTo("1");
        });
        row(late).findElement(By.cssSelector("button[data-action='redrive']")).click();
        assertThat(text(By.id("confirm-text"))).contains("Redrive", late);
        browser.findElement(By.id("confirm-yes")).click();

        // then: the redrive is reported, the DLQ drains and the request wins a unit
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(text(By.id("activity"))).contains("redriven 1"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(text(By.id("queue-dlq"))).isEqualTo("0");
            assertThat(cell(late, "dlq")).isEqualTo("0");
            assertThat(cell(late, "succeeded")).isEqualTo("1");
        });
        assertThat(Tables.requestStore(stack).find(deadLettered.requestId()).orElseThrow().status())
                .isEqualTo(RequestStatus.SUCCEEDED);

        // when: the operator closes the drop
        row(drop).findElement(By.cssSelector("button[data-action='close']")).click();
        browser.findElement(By.id("confirm-yes")).click();

        // then: it shows as closed, with its analytics one click away
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cell(drop, "state")).isEqualTo("CLOSED"));
        assertThat(text(By.id("activity"))).contains(drop + " closed");
        Files.write(SCREENSHOTS.resolve("console.png"), browser.getScreenshotAs(OutputType.BYTES));
        String analytics = row(drop).findElement(By.cssSelector("a[data-action='analytics']")).getAttribute("href");
        browser.get(analytics);
        assertThat(browser.getTitle()).contains("Rushgate analytics", drop);
    }

    /** A request of an event that does not exist yet: the worker fails it for good and dead-letters its message. */
    private static ParticipationRequest deadLetter(String eventId, String userId) {
        Event unknown = Event.create(eventId, EventType.FCFS, 1, Instant.now().minusSeconds(60), null);
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), unknown,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        Tables.requestStore(stack).insertIfAbsent(request);
        String body = WorkMessages.encode(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
        stack.clients().sqs().sendMessage(s -> s.queueUrl(stack.model().functionVariable("QUEUE_URL")).messageBody(body)
                .messageAttributes(Map.of("requestId", attribute(request.requestId().value()), "eventId", attribute(eventId),
                        "acceptedAt", attribute(request.acceptedAt().toString()))));
        await().atMost(Duration.ofSeconds(30)).until(() -> dlqDepth() == 1
                && Tables.requestStore(stack).find(request.requestId()).orElseThrow().status() == RequestStatus.FAILED_FINAL);
        return request;
    }

    private static long dlqDepth() {
        Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(g -> g
                .queueUrl(stack.model().functionVariable("DLQ_URL"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * Sends the participants over HTTP in waves of 40 every half second, as a drop's clients would:
     * one answered 409, 429 or 503 tries again when Retry-After says (a scheduled retry, up to 20
     * tries). Answers how many were accepted.
     */
    private static AtomicInteger sendParticipants(String eventId) {
        ApiClient api = new ApiClient(stack);
        AtomicInteger accepted = new AtomicInteger();
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(16);
        for (int user = 0; user < PARTICIPANTS; user++) {
            String userId = "fan-" + user;
            clients.schedule(() -> participate(api, clients, eventId, userId, 1, accepted), (user / 40) * 500L,
                    TimeUnit.MILLISECONDS);
        }
        return accepted;
    }

    private static void participate(ApiClient api, ScheduledExecutorService clients, String eventId, String userId,
                                    int attempt, AtomicInteger accepted) {
        ApiClient.Reply reply = api.participate(eventId, userId);
        if (reply.status() == 202 || reply.status() == 200) {
            if (accepted.incrementAndGet() == PARTICIPANTS) {
                clients.shutdown();
            }
        } else if (List.of(409, 429, 503).contains(reply.status()) && attempt < 20) {
            long seconds = reply.raw().headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            clients.schedule(() -> participate(api, clients, eventId, userId, attempt + 1, accepted), seconds,
                    TimeUnit.SECONDS);
        } else {
            REFUSED.add(userId + " was answered " + reply.status() + " " + reply.body());
        }
    }

    private WebElement row(String eventId) {
        return browser.findElement(By.cssSelector("tr[data-event='" + eventId + "']"));
    }

    private String cell(String eventId, String field) {
        List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-event='" + eventId + "']"));
        return rows.isEmpty() ? "" : rows.get(0).findElement(By.cssSelector("[data-field='" + field + "']")).getText();
    }

    private String text(By element) {
        return browser.findElement(element).getText();
    }
}
