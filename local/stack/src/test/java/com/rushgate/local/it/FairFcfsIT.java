package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.app.AllocationPolicy;
import com.rushgate.core.app.OrderedAllocation;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.Pause;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.aws.DynamoArrivalIndex;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.DynamoStockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.it.ApiClient.Reply;
import com.rushgate.local.stack.LocalStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fair FCFS on the local stack: the first arrivals win, whatever the order of messages, the
 * number of allocators or what happened to a request's message.
 */
class FairFcfsIT {

    private static LocalStack stack;
    private static ApiClient api;
    private static DynamoRequestStore requests;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        api = new ApiClient(stack);
        requests = Tables.requestStore(stack);
    }

    private static String accept(String eventId, String userId) {
        Reply reply = api.participate(eventId, userId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.field("requestId");
    }

    private static Map<String, AttributeValue> item(String requestId) {
        return stack.clients().dynamoDb().getItem(g -> g.tableName(Tables.requestTable(stack))
                .key(Map.of("requestId", AttributeValue.fromS(requestId))).consistentRead(true)).item();
    }

    private static String statusOf(String requestId) {
        return item(requestId).get("status").s();
    }

    private static void awaitFinal(String... requestIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String requestId : requestIds) {
                assertThat(RequestStatus.valueOf(statusOf(requestId)).isDecided()).as(requestId).isTrue();
            }
        });
    }

    /** A request recorded as Ingest records it, at {@code acceptedAt}, with no message sent. */
    private static ParticipationRequest recordedOnly(String eventId, String userId, Instant acceptedAt) {
        Event event = SharedStack.events(stack).find(eventId).orElseThrow();
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), acceptedAt.truncatedTo(ChronoUnit.MILLIS), null);
        assertThat(requests.insertIfAbsent(request)).isEmpty();
        return request;
    }

    @Test
    void twoUsersOneUnit_theFirstAlwaysWins_twentyTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String[]>> drops = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                drops.add(pool.submit(() -> {
                    String eventId = SharedStack.openFcfs(stack, "pair", 1);
                    String alice = accept(eventId, "alice");
                    // bob comes a few milliseconds later; his message may well be decided first.
                    String bob = accept(eventId, "bob");
                    return new String[] {alice, bob};
                }));
            }
            for (Future<String[]> drop : drops) {
                String[] pair = drop.get(60, TimeUnit.SECONDS);
                awaitFinal(pair);
                assertThat(item(pair[0]).get("acceptedAt").s()).isLessThanOrEqualTo(item(pair[1]).get("acceptedAt").s());
                assertThat(statusOf(pair[0])).as("the first arrival").isEqualTo("SUCCEEDED");
                assertThat(statusOf(pair[1])).isEqualTo("REJECTED");
                assertThat(item(pair[1]).get("reason").s()).isEqualTo("SOLD_OUT");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestLeftReceivedByAFailedEnqueue_stillWinsItsPlace() {
        String eventId = SharedStack.openFcfs(stack, "received-first", 1);
        ParticipationRequest first = recordedOnly(eventId, "alice", Instant.now());
        String later = accept(eventId, "bob");

        awaitFinal(first.requestId().value(), later);

        assertThat(statusOf(first.requestId().value())).isEqualTo("SUCCEEDED");
        assertThat(statusOf(later)).isEqualTo("REJECTED");
        assertThat(Tables.remaining(stack, eventId)).isZero();
    }

    @Test
    void aRequestGivenUpToTheDlq_isNotOvertakenByALaterArrival() {
        String eventId = SharedStack.openFcfs(stack, "given-up", 1);
        ParticipationRequest first = recordedOnly(eventId, "carol", Instant.now());
        assertThat(requests.giveUp(first.requestId(), FailureReason.ATTEMPTS_EXHAUSTED, Instant.now())).isTrue();
        String later = accept(eventId, "dave");

        awaitFinal(later);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(statusOf(first.requestId().value())).isEqualTo("SUCCEEDED"));

        assertThat(statusOf(later)).isEqualTo("REJECTED");
    }

    @Test
    void allocatorsRacingOnOneEvent_oneLeaseAtATime_andADeadOneIsTakenOver() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "racing", 15);
        Instant base = Instant.now().minusSeconds(10);
        List<ParticipationRequest> line = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            line.add(recordedOnly(eventId, "user-" + i, base.plusMillis(i / 3)));
        }
        List<ArrivalKey> expected = line.stream().map(ArrivalKey::of).sorted().limit(15).toList();
        var dynamoDb = stack.clients().dynamoDb();
        String eventTable = stack.model().functionVariable("EVENT_TABLE");
        DynamoStockLedger ledger = new DynamoStockLedger(dynamoDb, eventTable, Tables.requestTable(stack));
        DynamoArrivalIndex index = new DynamoArrivalIndex(dynamoDb, Tables.requestTable(stack),
                stack.model().functionVariable("ARRIVAL_INDEX"), Tables.arrivalShards(stack));
        AllocationPolicy policy = new AllocationPolicy(Duration.ofMillis(1500), Duration.ofSeconds(2), 4,
                Duration.ofSeconds(20), Duration.ZERO);
        // An allocator granted the first three, then died holding its lease.
        Instant now = Instant.now();
        StockLedger.State state = ledger.acquire(eventId, "dead", now, now.plusSeconds(2))
                .map(lease -> ((StockLedger.LeaseResult.Acquired) lease).state()).orElseThrow();
        assertThat(ledger.grant(eventId, "dead", state, expected.subList(0, 3), expected.get(2), now.plusSeconds(2), now))
                .isInstanceOf(StockLedger.GrantResult.Granted.class);

        Event event = SharedStack.events(stack).find(eventId).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<OrderedAllocation.Outcome>> outcomes = new ArrayList<>();
            for (ParticipationRequest request : line) {
                OrderedAllocation allocation = new OrderedAllocation(requests, index, ledger, policy,
                        Clock.systemUTC(), Pause.sleeping(), () -> UUID.randomUUID().toString(), BusinessMetrics.NONE);
                outcomes.add(pool.submit(() -> allocation.serve(event, requests.find(request.requestId()).orElseThrow(),
                        Instant.now().plus(policy.maxWait()))));
            }
            for (Future<OrderedAllocation.Outcome> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS)).isIn(OrderedAllocation.Outcome.GRANTED,
                        OrderedAllocation.Outcome.SOLD_OUT);
            }
        } finally {
            pool.shutdownNow();
        }

        List<ArrivalKey> winners = line.stream()
                .filter(r -> requests.find(r.requestId()).orElseThrow().status() == RequestStatus.SUCCEEDED)
                .map(ArrivalKey::of).sorted().toList();
        assertThat(winners).containsExactlyElementsOf(expected);
        assertThat(Tables.remaining(stack, eventId)).isZero();
    }
}
