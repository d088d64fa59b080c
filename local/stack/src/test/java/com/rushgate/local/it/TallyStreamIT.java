package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.app.port.EventCounts.Counts;
import com.rushgate.core.aws.DynamoEventCounts;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.it.ApiClient.Reply;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.triggers.StreamPoller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Tally function on the local stack, fed by its DynamoDB stream trigger as Lambda would feed it:
 * requests recorded and decided by the real functions (or the request store) show in the counts
 * that {@link DynamoEventCounts} reads, without a scan of the requests. A stack of its own, so its
 * function log holds this class's batches only.
 */
class TallyStreamIT {

    private static final Pattern BATCH = Pattern.compile("tally: (\\d+) records, \\d+ changes of \\d+ events .*? applied in (\\d+) writes");
    private static LocalStack stack;
    private static DynamoEventCounts counts;

    @BeforeAll
    static void start() {
        stack = TestStacks.start(Map.of());
        counts = new DynamoEventCounts(stack.clients().dynamoDb(), stack.model().table("CountsTable").name(), 5);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void counts_followParticipationsDecidedByTheWorkers() {
        String eventId = SharedStack.openFcfs(stack, "tally-drop", 3);
        ApiClient api = new ApiClient(stack);
        for (String user : List.of("ana", "ben", "cyd", "dov", "eve")) {
            Reply reply = api.participate(eventId, user);
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        }

        // The workers decide at their pace (on a loaded machine the sold-out ones can take minutes):
        // the counts must show the winners, and every request where the table has it now.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<RequestStatus, Integer> table = Tables.statusCounts(stack, eventId);
            Counts read = counts.read(eventId, Instant.now());
            assertThat(table.get(RequestStatus.SUCCEEDED)).isEqualTo(3);
            assertThat(read.accepted()).isEqualTo(5);
            assertThat(read.succeeded()).isEqualTo(3);
            assertThat(read.rejected().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(table.getOrDefault(RequestStatus.REJECTED, 0).longValue());
            assertThat(read.rejected().keySet()).isSubsetOf("SOLD_OUT");
            Map<String, Long> inFlight = new HashMap<>();
            table.forEach((status, count) -> {
                if (!status.isFinal()) {
                    inFlight.put(status.name(), count.longValue());
                }
            });
            assertThat(read.inFlight()).isEqualTo(inFlight);
            assertThat(read.failed()).isEqualTo(table.getOrDefault(RequestStatus.FAILED_FINAL, 0).longValue());
            assertThat(read.decisionLatencyP95Ms()).isNotNull().isPositive();
            assertThat(read.countedThrough()).isNotNull();
        });
    }

    @Test
    void counts_ofAThousandRequests_takeAboutOneTransactionPerStreamBatch() throws Exception {
        String eventId = SharedStack.newEventId("tally-thousand");
        SharedStack.events(stack).create(Event.create(eventId, EventType.FCFS, 1_000_000,
                Instant.now().minusSeconds(60), null));
        Event event = SharedStack.events(stack).find(eventId).orElseThrow();
        DynamoRequestStore requests = Tables.requestStore(stack);
        FunctionPool tally = stack.functions().get("TallyFunction");
        StreamPoller trigger = stack.streamPollers().get(0);
        long invocationsBefore = tally.invocations();
        long[] logBefore = batchTotals();

        // given: a thousand requests recorded and queued (as Ingest does; no message is sent)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String user = "user-" + i;
                writes.add(pool.submit(() -> {
                    ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, user),
                            event, user, new HmacUserKeys(new byte[32]).derive(user),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
                    assertThat(requests.insertIfAbsent(request)).isEmpty();
                    assertThat(requests.markQueued(request.requestId(), Instant.now())).isTrue();
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Counts read = counts.read(eventId, Instant.now());
            assertThat(read.accepted()).isEqualTo(1_000);
            assertThat(read.inFlight()).isEqualTo(Map.of("QUEUED", 1_000L));
        });

        long[] logAfter = batchTotals();
        long records = logAfter[0] - logBefore[0];
        long transactions = logAfter[1] - logBefore[1];
        long invocations = tally.invocations() - invocationsBefore;
        System.out.printf("tally cost: %d stream records of 1,000 requests in %d invocations and %d transactions"
                + " (%d records delivered by the trigger in all)%n", records, invocations, transactions, trigger.delivered());
        assertThat(records).isGreaterThanOrEqualTo(2_000);
        // one transaction per event per batch: this event and, at most, the other test's stragglers
        assertThat(transactions).isLessThanOrEqualTo(2 * invocations).isLessThan(100);
    }

    /** Stream records and writes the Tally function logged so far. */
    private static long[] batchTotals() throws IOException {
        Path log = stack.options().functionLogs().resolve("TallyFunction.log");
        long records = 0;
        long writes = 0;
        if (Files.isRegularFile(log)) {
            Matcher matcher = BATCH.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (matcher.find()) {
                records += Long.parseLong(matcher.group(1));
                writes += Long.parseLong(matcher.group(2));
            }
        }
        return new long[] {records, writes};
    }
}
