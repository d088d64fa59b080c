package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.StockAllocator.Allocation;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StockAllocator} guarantees: stock and results never disagree. */
public abstract class StockAllocatorContract {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** The three parts over shared state: the allocator must see the store's requests and the events' stock. */
    public record Parts(RequestStore requests, StockAllocator stock, EventWriter events) {
    }

    /** Creates an event with all its stock; reads back its remaining units. */
    public interface EventWriter {
        void create(Event event);

        int remaining(String eventId);
    }

    protected abstract Parts createParts();

    private Parts parts;
    private String eventId;

    @BeforeEach
    void setUp() {
        parts = createParts();
        eventId = Requests.uniqueEventId();
    }

    private ParticipationRequest claimed(String userId, Instant now) {
        ParticipationRequest request = Requests.received(eventId, userId, T0);
        parts.requests().insertIfAbsent(request);
        return ((ClaimResult.Claimed) parts.requests().claim(request.requestId(), now, now.plus(LEASE))).request();
    }

    @Test
    void allocate_takesOneUnitAndSucceedsTheRequestTogether() {
        parts.events().create(Requests.openFcfs(eventId, 2, T0));
        ParticipationRequest claimed = claimed("alice", T0);

        assertThat(parts.stock().allocate(claimed, T0.plusSeconds(1))).isEqualTo(Allocation.ALLOCATED);

        assertThat(parts.events().remaining(eventId)).isEqualTo(1);
        assertThat(parts.requests().find(claimed.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.SUCCEEDED);
    }

    @Test
    void allocate_whenNoStockLeft_isSoldOutAndChangesNothing() {
        parts.events().create(Requests.openFcfs(eventId, 1, T0));
        parts.stock().allocate(claimed("alice", T0), T0);
        ParticipationRequest bob = claimed("bob", T0);

        assertThat(parts.stock().allocate(bob, T0.plusSeconds(1))).isEqualTo(Allocation.SOLD_OUT);

        assertThat(parts.events().remaining(eventId)).isZero();
        assertThat(parts.requests().find(bob.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.PROCESSING);
    }

    @Test
    void allocate_whenTheLeaseWasTakenOver_isSupersededAndKeepsTheStock() {
        parts.events().create(Requests.openFcfs(eventId, 1, T0));
        ParticipationRequest first = claimed("alice", T0);
        ParticipationRequest second = ((ClaimResult.Claimed) parts.requests()
                .claim(first.requestId(), T0.plus(LEASE).plusSeconds(1), T0.plus(LEASE).plusSeconds(31))).request();

        assertThat(parts.stock().allocate(first, T0.plus(LEASE).plusSeconds(2))).isEqualTo(Allocation.SUPERSEDED);
        assertThat(parts.events().remaining(eventId)).isEqualTo(1);
        assertThat(parts.stock().allocate(second, T0.plus(LEASE).plusSeconds(2))).isEqualTo(Allocation.ALLOCATED);
        assertThat(parts.events().remaining(eventId)).isZero();
    }
}
