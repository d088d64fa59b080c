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
    void anInvokeNeedsAnEnvironment_aWarmOneServesAgain_aNewOneTakesAScalingToken() {
        LambdaQuotas.FunctionQuota quota = new LambdaQuotas(limits, Map.of(), clock::get).function("A");
        int per10Seconds = (int) (AwsLimits.SCALING_ENVIRONMENTS_PER_10_SECONDS * 0.05);
        for (int i = 0; i < per10Seconds; i++) {
            assertThat(quota.tryEnter()).isTrue();
        }
        assertThat(quota.environments()).isEqualTo(per10Seconds);
        for (int i = 0; i < per10Seconds; i++) {
            quota.exit();
        }
        // Every environment is warm: the same invokes again need no scaling token, none is left.
        for (int i = 0; i < per10Seconds; i++) {
            assertThat(quota.tryEnter()).isTrue();
        }
        assertThat(quota.tryNewEnvironment()).isFalse();
        quota.exit();
        assertThat(quota.tryEnter()).isTrue();
        assertThat(quota.environments()).isEqualTo(per10Seconds);
    }

    @Test
    void aThrottledNewEnvironment_givesItsConcurrencyBack() {
        // 0.01 x 1,000 = 10 concurrent executions for the account, 10 new environments per 10 s per function
        LambdaQuotas quotas = new LambdaQuotas(new AwsLimits(0.05, 0.01), Map.of(), clock::get);
        LambdaQuotas.FunctionQuota a = quotas.function("A");
        for (int i = 0; i < 10; i++) {
            assertThat(a.tryNewEnvironment()).isTrue();
        }
        assertThat(a.tryEnter()).isFalse();
        assertThat(quotas.throttles()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(quotas.function("B").tryEnter()).isTrue();
        }
        assertThat(quotas.function("B").tryEnter()).isFalse();
    }

    @Test
    void lambdasFigures_followTheConcurrencyFactor_theRatesTheirOwn() {
        AwsLimits twoFactors = new AwsLimits(0.05, 1.0);
        assertThat(twoFactors.accountConcurrency()).isEqualTo(AwsLimits.ACCOUNT_CONCURRENCY);
        assertThat(twoFactors.count(AwsLimits.SCALING_ENVIRONMENTS_PER_10_SECONDS)).isEqualTo(1_000);
        assertThat(twoFactors.sqsAddedBatchesPerMinute()).isEqualTo(300.0);
        assertThat(twoFactors.partitionWriteUnits()).isEqualTo(50.0);
        assertThat(twoFactors.apiAccountRate()).isEqualTo(500.0);
        assertThat(twoFactors.apiAccountBurst()).isEqualTo(250);
        assertThat(AwsLimits.defaults()).isEqualTo(new AwsLimits(AwsLimits.DEFAULT_SCALE, AwsLimits.DEFAULT_CONCURRENCY_SCALE));
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
