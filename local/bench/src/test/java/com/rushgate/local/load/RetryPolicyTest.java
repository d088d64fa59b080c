package com.rushgate.local.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofSeconds(10), 0.5);

    @Test
    void nextWait_retryAfterSeconds_waitsAtLeastThatPlusJitter() {
        for (int status : new int[] {409, 429, 503}) {
            assertThat(POLICY.nextWait(1, status, Optional.of("2"), Duration.ZERO, NOW, 0.0)).contains(Duration.ofSeconds(2));
            assertThat(POLICY.nextWait(1, status, Optional.of("2"), Duration.ZERO, NOW, 0.5)).contains(Duration.ofMillis(2500));
            assertThat(POLICY.nextWait(1, status, Optional.of("2"), Duration.ZERO, NOW, 0.999).orElseThrow())
                    .isGreaterThan(Duration.ofMillis(2990)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void nextWait_retryAfterAsHttpDate_waitsUntilThen() {
        assertThat(POLICY.nextWait(1, 503, Optional.of("Tue, 24 Nov 2026 08:00:03 GMT"), Duration.ZERO, NOW, 0.0))
                .contains(Duration.ofSeconds(3));
        assertThat(POLICY.nextWait(1, 503, Optional.of("Tue, 24 Nov 2026 07:59:00 GMT"), Duration.ZERO, NOW, 0.0))
                .contains(Duration.ZERO);
    }

    @Test
    void nextWait_withoutUsableRetryAfter_backsOffExponentially() {
        assertThat(POLICY.nextWait(1, 503, Optional.empty(), Duration.ZERO, NOW, 0.0)).contains(Duration.ofMillis(500));
        assertThat(POLICY.nextWait(2, 503, Optional.of("soon"), Duration.ZERO, NOW, 0.0)).contains(Duration.ofSeconds(1));
        assertThat(POLICY.nextWait(3, 429, Optional.of("-1"), Duration.ZERO, NOW, 0.0)).contains(Duration.ofSeconds(2));
    }

    @Test
    void nextWait_otherStatuses_areFinal() {
        for (int status : new int[] {200, 202, 400, 401, 404, 500, 502, 504}) {
            assertThat(POLICY.nextWait(1, status, Optional.of("1"), Duration.ZERO, NOW, 0.0)).as("status " + status).isEmpty();
        }
    }

    @Test
    void nextWait_afterMaxTries_givesUp() {
        assertThat(POLICY.nextWait(3, 503, Optional.of("1"), Duration.ZERO, NOW, 0.0)).isPresent();
        assertThat(POLICY.nextWait(4, 503, Optional.of("1"), Duration.ZERO, NOW, 0.0)).isEmpty();
        assertThat(RetryPolicy.none().nextWait(1, 503, Optional.of("1"), Duration.ZERO, NOW, 0.0)).isEmpty();
    }

    @Test
    void nextWait_pastTheDeadline_givesUp() {
        assertThat(POLICY.nextWait(1, 503, Optional.of("1"), Duration.ofSeconds(29), NOW, 0.0)).contains(Duration.ofSeconds(1));
        assertThat(POLICY.nextWait(1, 503, Optional.of("1"), Duration.ofSeconds(29), NOW, 0.1)).isEmpty();
    }

    @Test
    void nextWait_askedToWaitLongerThanMaxWait_givesUp() {
        assertThat(POLICY.nextWait(1, 503, Optional.of("10"), Duration.ZERO, NOW, 0.0)).contains(Duration.ofSeconds(10));
        assertThat(POLICY.nextWait(1, 503, Optional.of("11"), Duration.ZERO, NOW, 0.0)).isEmpty();
    }

    @Test
    void constructor_refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
