package com.rushgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyPersistenceLayerException;

/**
 * The Powertools aspect, woven, over the request items: what a participation writes and what each
 * client case gets. Powertools reads the wall clock, so the use case's clock starts at now.
 */
class IdempotentParticipationsTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final InMemoryRequestStore requests = spy(new InMemoryRequestStore());
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final RecordingQueue queue = new RecordingQueue();
    private final HmacUserKeys userKeys = new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private final ParticipateUseCase useCase = new ParticipateUseCase(events, requests, queue, new Sha256RequestIds(),
            userKeys, clock, new CountingMetrics());
    private final IdempotencyRecords records = new IdempotencyRecords(useCase, Duration.ofHours(1));
    private final IdempotentParticipations participations = new IdempotentParticipations(useCase);
    private final ParticipateCommand alice = new ParticipateCommand("drop", "alice", null);
    private final ParticipationKey aliceKey = new ParticipationKey("drop", userKeys.derive("alice"));

    @BeforeEach
    void setUp() {
        events.put(Event.create("drop", EventType.FCFS, 10, clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofHours(1))));
        records.useRequestTable();
    }

    @Test
    void aNewParticipation_writesTwoItemsAndSendsOnce() {
        InvocationContext context = InvocationContext.direct();

        IngestResult result = participations.participate(aliceKey, alice, context);

        assertThat(result.created()).isTrue();
        assertThat(result.status()).isEqualTo("QUEUED");
        assertThat(result.invocationId()).isEqualTo(context.getAwsRequestId());
        verify(requests, times(1)).insertIfAbsent(any());
        verify(requests, times(1)).markQueued(any(), any());
        verify(requests, never()).hold(any(), any(), any());
        verify(requests, never()).unhold(any(), any());
        assertThat(queue.sent).hasSize(1);
        assertThat(requests.all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.QUEUED);
            assertThat(r.leaseExpiresAt()).isNull();
        });
    }

    @Test
    void aDuplicateInAnotherContainer_isAnsweredFromTheRequest_withoutAWrite() {
        participations.participate(aliceKey, alice, InvocationContext.direct());
        records.useRequestTable();
        clearInvocations(requests);
        InvocationContext context = InvocationContext.direct();

        IngestResult again = participations.participate(aliceKey, alice, context);

        assertThat(again.created()).isFalse();
        assertThat(again.status()).isEqualTo("QUEUED");
        assertThat(again.invocationId()).as("fresh from the item, not a replay").isEqualTo(context.getAwsRequestId());
        verify(requests, times(1)).insertIfAbsent(any());
        verify(requests, never()).markQueued(any(), any());
        assertThat(queue.sent).hasSize(1);
    }

    @Test
    void aDuplicateInTheSameContainer_isReplayedFromItsCache() {
        InvocationContext first = InvocationContext.direct();
        participations.participate(aliceKey, alice, first);
        clearInvocations(requests);

        IngestResult again = participations.participate(aliceKey, alice, InvocationContext.direct());

        assertThat(again.invocationId()).as("a replay carries the first invocation's id").isEqualTo(first.getAwsRequestId());
        verify(requests, never()).insertIfAbsent(any());
    }

    @Test
    void aDuplicateWhileTheFirstCallHoldsTheRequest_isInProgress() {
        ParticipationRequest fresh = ((ParticipateUseCase.Admission.Fresh) useCase.admit(alice)).request();
        useCase.record(fresh, clock.instant().plusSeconds(10));

        assertThatThrownBy(() -> participations.participate(aliceKey, alice, InvocationContext.direct()))
                .isInstanceOf(IdempotencyAlreadyInProgressException.class);
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void aRequestWhoseHoldRanOut_isSentByTheNextCall_keepingItsArrival() {
        ParticipationRequest fresh = ((ParticipateUseCase.Admission.Fresh) useCase.admit(alice)).request();
        useCase.record(fresh, clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(11));

        IngestResult resumed = participations.participate(aliceKey, alice, InvocationContext.direct());

        assertThat(resumed.created()).isFalse();
        assertThat(resumed.status()).isEqualTo("QUEUED");
        assertThat(queue.sent).singleElement().satisfies(m -> assertThat(m.acceptedAt()).isEqualTo(fresh.acceptedAt()));
    }

    @Test
    void aFailedSend_isNotReplayed_andTheRetrySendsAtOnce() {
        queue.failNextSends(true);
        assertThatThrownBy(() -> participations.participate(aliceKey, alice, InvocationContext.direct()))
                .isInstanceOf(RetryableException.class);
        assertThat(requests.all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.RECEIVED);
            assertThat(r.leaseExpiresAt()).as("the hold was given back").isNull();
        });
        queue.failNextSends(false);

        IngestResult retry = participations.participate(aliceKey, alice, InvocationContext.direct());

        assertThat(retry.status()).isEqualTo("QUEUED");
        assertThat(queue.sent).hasSize(1);
    }

    @Test
    void aFailedPut_isAStoreFailure_andNothingIsReplayed() {
        doThrow(new RetryableException("PutItem throttled (test)")).when(requests).insertIfAbsent(any());

        assertThatThrownBy(() -> participations.participate(aliceKey, alice, InvocationContext.direct()))
                .isInstanceOf(IdempotencyPersistenceLayerException.class)
                .satisfies(e -> assertThat(IngestFailures.translate(e, null)).isInstanceOf(RetryableException.class));
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void afterTheEventClosed_aParticipantGetsItsStatus_andANewcomerIsRefused() {
        participations.participate(aliceKey, alice, InvocationContext.direct());
        clock.advance(Duration.ofHours(2));
        clearInvocations(requests);

        IngestResult known = participations.participate(aliceKey, alice, InvocationContext.direct());

        assertThat(known.status()).isEqualTo("QUEUED");
        assertThat(known.created()).isFalse();
        verify(requests, never()).insertIfAbsent(any());
        assertThatThrownBy(() -> participations.participate(new ParticipationKey("drop", userKeys.derive("bob")),
                new ParticipateCommand("drop", "bob", null), InvocationContext.direct()))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EVENT_CLOSED));
        assertThat(requests.all()).hasSize(1);
    }
}
