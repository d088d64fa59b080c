package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RaffleHeapTest {

    @Test
    void measure_countsTheDrawsAllocations_whichGrowWithTheEntries() {
        RaffleHeap.Measure small = RaffleHeap.measure(2_000, 10);
        RaffleHeap.Measure large = RaffleHeap.measure(20_000, 10);

        assertThat(small.entries()).isEqualTo(2_000);
        assertThat(small.capacity()).isEqualTo(10);
        // Every entry costs at least its ticket's 32-byte digest, kept or not.
        assertThat(small.allocatedBytes()).isGreaterThan(2_000L * 32);
        assertThat(large.allocatedBytes()).isGreaterThan(20_000L * 32).isGreaterThan(small.allocatedBytes());
        assertThat(large.millis()).isPositive();
    }
}
