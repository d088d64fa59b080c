package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucket_ofEachValue_hasTheValueBetweenItsEdges() {
        for (long millis = 1; millis < 5_000_000; millis = millis * 3 / 2 + 1) {
            int bucket = LatencyHistogram.bucket(millis);
            assertThat((double) millis).as("ms %d in bucket %d", millis, bucket)
                    .isLessThan(LatencyHistogram.upperEdge(bucket))
                    .isGreaterThanOrEqualTo(LatencyHistogram.upperEdge(bucket - 1));
        }
    }

    @Test
    void bucket_ofZeroOrNegative_isTheFirst() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(-40)).isZero();
        assertThat(LatencyHistogram.bucket(1)).isEqualTo(1);
    }

    @Test
    void quantile_ofRandomLatencies_isNeverBelowTheExactOneAndAtMostTenPercentAbove() {
        Random random = new Random(42);
        long[] latencies = LongStream.generate(() -> 5 + (long) Math.abs(random.nextGaussian() * 800)).limit(10_000).toArray();
        Map<Integer, Long> counts = new HashMap<>();
        for (long latency : latencies) {
            counts.merge(LatencyHistogram.bucket(latency), 1L, Long::sum);
        }
        long exact = LongStream.of(latencies).sorted().skip((long) Math.ceil(0.95 * latencies.length) - 1).findFirst()
                .orElseThrow();

        long p95 = LatencyHistogram.quantile(counts, 0.95);

        assertThat(p95).isGreaterThanOrEqualTo(exact).isLessThanOrEqualTo((long) Math.ceil(exact * 1.1) + 1);
    }

    @Test
    void quantile_ofNothing_isNull() {
        assertThat(LatencyHistogram.quantile(Map.of(), 0.95)).isNull();
        assertThat(LatencyHistogram.quantile(Map.of(3, 0L), 0.95)).isNull();
    }

    @Test
    void quantile_ofOnlyZeroLatencies_isZero() {
        assertThat(LatencyHistogram.quantile(Map.of(0, 7L), 0.95)).isZero();
    }

    @Test
    void quantile_outsideZeroToOne_isRefused() {
        assertThatThrownBy(() -> LatencyHistogram.quantile(Map.of(1, 1L), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
