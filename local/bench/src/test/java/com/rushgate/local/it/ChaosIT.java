package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.chaos.Faults;
import com.rushgate.local.demo.Demo;
import com.rushgate.local.demo.DemoOptions;
import com.rushgate.local.demo.DemoSummary;
import com.rushgate.local.stack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The promise behind a 202, under faults: 600 users against 60 units while 10% of SQS sends,
 * DynamoDB transitions and worker claims fail and poison messages arrive; then the faults stop and
 * the reconciler and a redrive run. Nothing accepted may be lost, nothing oversold, and the first
 * 60 arrivals win, although the stock item conflicts and throttles 10% of the calls on it.
 */
class ChaosIT {

    private static final int USERS = 600;
    private static final int UNITS = 60;

    @Test
    void underTenPercentFaults_everyAcceptedRequestEndsFinalAndStockHolds() throws Exception {
        LocalStack stack = RecoveryStack.get();
        DemoSummary summary;
        try {
            summary = new Demo(stack, System.out).run(new DemoOptions(USERS, UNITS, 0.1, 64, Duration.ofMinutes(5), 0.1));
        } finally {
            Faults.off();
        }
        System.out.println(summary.toText());

        List<Map<String, AttributeValue>> stored = Tables.requestsOf(stack, summary.eventId());
        Map<RequestStatus, Long> statuses = stored.stream()
                .collect(Collectors.groupingBy(item -> RequestStatus.valueOf(item.get("status").s()), Collectors.counting()));
        Map<String, Long> perUser = stored.stream()
                .collect(Collectors.groupingBy(item -> item.get("userId").s(), Collectors.counting()));
        long succeeded = statuses.getOrDefault(RequestStatus.SUCCEEDED, 0L);
        System.out.printf("stored %d requests %s; faults %s; redriven %s; reconciled %s%n", stored.size(), statuses,
                summary.extra().get("faults"), summary.extra().get("redriven"), summary.extra().get("reconciled"));

        assertThat((Long) summary.extra().get("faultsInjected")).as("faults were injected").isGreaterThan(100);
        assertThat(summary.lost()).as("accepted but never final").isZero();
        assertThat(stored).as("every stored request is final, accepted or not")
                .allSatisfy(item -> assertThat(RequestStatus.valueOf(item.get("status").s()).isFinal()).isTrue());
        assertThat(succeeded).isEqualTo((long) UNITS - summary.remaining()).isLessThanOrEqualTo((long) UNITS);
        assertThat(summary.oversold()).isZero();
        assertThat(perUser.values()).as("one request per (eventId, userId)").allSatisfy(n -> assertThat(n).isEqualTo(1L));
        assertThat(summary.extra().get("dlqRemaining")).as("the DLQ is empty after the redrive").isEqualTo(0L);
        assertThat(statuses.getOrDefault(RequestStatus.FAILED_FINAL, 0L))
                .as("poison blocked nothing, and contention failed nobody").isZero();
        @SuppressWarnings("unchecked")
        Map<String, Long> faults = (Map<String, Long>) summary.extra().get("faults");
        assertThat(faults.get("hotItemConflict") + faults.get("hotItemThrottle"))
                .as("the stock item was hot: conflicts and throttles injected on it").isPositive();
        assertThat(summary.fairness()).as("every winner among the first " + UNITS + " arrivals").isEqualTo(1.0);
        assertThat(summary.worstWinnerRank()).isLessThanOrEqualTo(UNITS);
        // A participant whose call met a fault is told 409 until that call's hold runs out, then accepted.
        assertThat(summary.neverAccepted()).as("users whose client, retrying as told, was never accepted")
                .isEqualTo(USERS - summary.accepted());
        assertThat(summary.accepted()).isGreaterThan(USERS * 3 / 4);
    }
}
