package com.rushgate.local.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Lambda's quotas of docs/aws-limits.md at scale 0.05, on a clock the test moves. */
class LambdaQuotasTest {

    private final AtomicLong clock = new AtomicLong(TimeUnit.HOURS.toNanos(2));
    private final AwsLimits limits = new AwsLimits(0.05);

    @Test
    void accountConcurrency_isSharedByTheUnreservedFunctions_andTheNextInvokeIsThrottled() {
        LambdaQuotas quotas = new LambdaQuotas(limits, Map.of(), clock::get);
        int account = (int) (AwsLimits.ACCOUNT_CONCURRENCY * 0.05);
        for (int i = 0; i < account / 2; i++) {
            assertThat(quotas.function("A").tryEnter()).isTrue();
            assertThat(quotas.function("B").tryEnter()).isTrue();
        }
        assertThat(quotas.function("A").tryEnter()).isFalse();
        assertThat(quotas.function("B").tryEnter()).isFalse();
        assertThat(quotas.throttles()).isEqualTo(2);
        quotas.function("B").exit();
        assertThat(quotas.function("A").tryEnter()).isTrue();
    }

    @Test
    void reservedConcurrency_isAFunctionsOwn_andTheOthersShareTheRest() {
        LambdaQuotas quotas = new LambdaQuotas(limits, Map.of("Reserved", 10), clock::get);
        assertThat(quotas.function("Reserved").maximum()).isEqualTo(10);
        assertThat(quotas.function("Other").maximum()).isEqualTo(40);
        for (int i = 0; i < 10; i++) {
            assertThat(quotas.function("Reserved").tryEnter()).isTrue();
        }
        assertThat(quotas.function("Reserved").tryEnter()).isFalse();
        assertThat(quotas.function("Other").tryEnter()).isTrue();
    }

    @Test
    void scaling_allowsItsEnvironmentsPer10Seconds_thenRefillsOverThem() {
        LambdaQuotas.FunctionQuota quota = new LambdaQuotas(limits, Map.of(), clock::get).function("A");
        int per10Seconds = (int) (AwsLimits.SCALING_ENVIRONMENTS_PER_10_SECONDS * 0.05);
        for (int i = 0; i < per10Seconds; i++) {
            assertThat(quota.tryNewEnvironment()).isTrue();
        }
        assertThat(quota.tryNewEnvironment()).isFalse();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10) / per10Seconds);
        assertThat(quota.tryNewEnvironment()).isTrue();
        assertThat(quota.tryNewEnvironment()).isFalse();
    }

    @Test
    void sqsEventSource_startsWithFewBatches_addsPerMinute_upToMaximumConcurrency() {
        LambdaQuotas quotas = new LambdaQuotas(limits, Map.of(), clock::get);
        assertThat(quotas.eventSourceBatches(10, -1)).isEqualTo(1);
        long busySince = clock.get();
        assertThat(quotas.eventSourceBatches(10, busySince)).isEqualTo(1);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(20));
        // 300 per minute x 0.05 = 15 per minute: 5 after 20 s
        assertThat(quotas.eventSourceBatches(10, busySince)).isEqualTo(1 + 5);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(40));
        assertThat(quotas.eventSourceBatches(10, busySince)).isEqualTo(10);
        assertThat(quotas.eventSourceBatches(1_000, busySince)).isEqualTo(1 + 15);
        assertThat(quotas.eventSourceBatches(1_000, busySince - TimeUnit.HOURS.toNanos(1)))
                .isEqualTo((int) (AwsLimits.SQS_MAXIMUM_CONCURRENT_BATCHES * 0.05));
    }
}
