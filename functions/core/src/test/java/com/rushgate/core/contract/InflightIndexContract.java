package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.InflightIndex;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.InflightRequest;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sparse in-flight index: requests not final, by status and time of last change. */
public abstract class InflightIndexContract {

    /** A store and the index over the same table. Dates are far in the past so other tests' requests do not show. */
    public record Parts(RequestStore requests, InflightIndex index) {
    }

    protected abstract Parts createParts();

    private static final Instant T0 = Instant.parse("2001-01-01T00:00:00Z");
    private Parts parts;
    private String eventId;

    @BeforeEach
    void setUp() {
        parts = createParts();
        eventId = Requests.uniqueEventId();
    }

    private ParticipationRequest inserted(String userId, Instant at) {
        ParticipationRequest request = Requests.received(eventId, userId, at);
        parts.requests().insertIfAbsent(request);
        return request;
    }

    private List<InflightRequest> mine(RequestStatus status, Instant before) {
        return parts.index().changedBefore(status, before, 1000).stream()
                .filter(r -> r.eventId().equals(eventId)).toList();
    }

    @Test
    void findsRequestsByStatusChangedBeforeTheCutoff() {
        ParticipationRequest old = inserted("old", T0);
        inserted("young", T0.plusSeconds(100));
        ParticipationRequest queued = inserted("queued", T0);
        parts.requests().markQueued(queued.requestId(), T0.plusSeconds(1));

        List<InflightRequest> received = mine(RequestStatus.RECEIVED, T0.plusSeconds(50));

        assertThat(received).extracting(InflightRequest::requestId).containsExactly(old.requestId());
        InflightRequest found = received.get(0);
        assertThat(found.acceptedAt()).isEqualTo(T0);
        assertThat(found.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(mine(RequestStatus.QUEUED, T0.plusSeconds(50))).extracting(InflightRequest::requestId)
                .containsExactly(queued.requestId());
    }

    @Test
    void finalRequests_leaveTheIndex() {
        ParticipationRequest request = inserted("done", T0);
        ParticipationRequest claimed = ((RequestStore.ClaimResult.Claimed) parts.requests()
                .claim(request.requestId(), T0.plusSeconds(1), T0.plusSeconds(31))).request();
        assertThat(mine(RequestStatus.PROCESSING, T0.plusSeconds(60))).hasSize(1);

        parts.requests().reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(2));

        for (RequestStatus status : RequestStatus.values()) {
            assertThat(mine(status, T0.plusSeconds(600))).as(status.name()).isEmpty();
        }
    }

    @Test
    void oldest_isWhenTheLongestWaitingRequestMovedToItsStatus() {
        // Earlier than any other test's requests, so the shared table's others cannot be older.
        Instant longAgo = Instant.parse("1990-01-01T00:00:00Z");
        ParticipationRequest first = inserted("first", longAgo);
        parts.requests().markQueued(first.requestId(), longAgo.plusSeconds(5));
        ParticipationRequest second = inserted("second", longAgo);
        parts.requests().markQueued(second.requestId(), longAgo.plusSeconds(9));

        assertThat(parts.index().oldest(RequestStatus.QUEUED)).contains(longAgo.plusSeconds(5));
    }

    @Test
    void limit_isHonoured() {
        for (int i = 0; i < 5; i++) {
            inserted("user-" + i, T0);
        }

        assertThat(parts.index().changedBefore(RequestStatus.RECEIVED, T0.plusSeconds(1), 3)).hasSizeLessThanOrEqualTo(3);
    }
}
