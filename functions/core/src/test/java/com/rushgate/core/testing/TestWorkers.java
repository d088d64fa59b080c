package com.rushgate.core.testing;

import com.rushgate.core.app.AllocationPolicy;
import com.rushgate.core.app.OrderedAllocation;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.DecisionRules;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's use case over the in-memory fakes; waiting moves the test's clock. */
public final class TestWorkers {

    public static final AllocationPolicy ALLOCATION = new AllocationPolicy(Duration.ofMillis(1500),
            Duration.ofSeconds(5), AllocationPolicy.MAX_BATCH, Duration.ofSeconds(15), Duration.ofSeconds(5));

    private TestWorkers() {
    }

    public static ProcessRequestUseCase useCase(InMemoryRequestStore requests, EventCatalog catalog,
                                                InMemoryEvents ledger, WorkQueue queue, DeadLetters dlq,
                                                WorkerPolicy policy, MutableClock clock, BusinessMetrics metrics) {
        AtomicInteger holders = new AtomicInteger();
        OrderedAllocation allocation = new OrderedAllocation(requests, requests, ledger, ALLOCATION, clock,
                clock::advance, () -> "test-allocator-" + holders.incrementAndGet(), metrics);
        return new ProcessRequestUseCase(requests, catalog, allocation, queue, dlq, new DecisionRules(), policy, clock,
                metrics);
    }
}
