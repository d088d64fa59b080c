package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.CountingMetrics;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.core.testing.RecordingQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class ParticipateUseCaseTest {

    private static final Instant OPENS = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(OPENS.plusSeconds(1));
    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final InMemoryEvents events = new InMemoryEvents(requests);
    private final RecordingQueue queue = new RecordingQueue();
    private final CountingMetrics metrics = new CountingMetrics();
    private ParticipateUseCase useCase;

    @BeforeEach
    void setUp() {
        events.put(Event.create("drop", EventType.FCFS, 10, OPENS, OPENS.plus(Duration.ofHours(1))));
        useCase = new ParticipateUseCase(new CachedEventCatalog(events, clock, Duration.ofSeconds(5)), requests, queue,
                new Sha256RequestIds(), new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8)), clock, metrics);
    }

    @Test
    void firstRequest_isRecordedQueuedAndSent() {
        Participation result = useCase.participate(new ParticipateCommand("drop", "alice", "order-7"));

        assertThat(result.created()).isTrue();
        assertThat(result.status()).isEqualTo(RequestStatus.QUEUED);
        ParticipationRequest stored = requests.find(result.requestId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(stored.acceptedAt()).isEqualTo(clock.instant());
        assertThat(stored.clientRef()).isEqualTo("order-7");
        assertThat(stored.userKey()).startsWith("uk_").doesNotContain("alice");
        assertThat(stored.leaseExpiresAt()).as("Ingest's hold ends with QUEUED").isNull();
        assertThat(queue.sent).singleElement().satisfies(m -> {
            assertThat(m.requestId()).isEqualTo(result.requestId());
            assertThat(m.eventId()).isEqualTo("drop");
            assertThat(m.acceptedAt()).isEqualTo(clock.instant());
        });
        assertThat(metrics.accepted).hasValue(1);
    }

    @Test
    void duplicate_getsTheSameRequestAndItsCurrentStatusWithoutSendingAgain() {
        Participation first = useCase.participate(new ParticipateCommand("drop", "alice", null));
        clock.advance(Duration.ofSeconds(3));

        Participation second = useCase.participate(new ParticipateCommand("drop", "alice", "changed"));

        assertThat(second.requestId()).isEqualTo(first.requestId());
        assertThat(second.created()).isFalse();
        assertThat(second.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(queue.sent).hasSize(1);
        assertThat(requests.find(first.requestId()).orElseThrow().clientRef()).isNull();
        assertThat(metrics.duplicates).hasValue(1);
    }

    @Test
    void enqueueFailure_leavesTheRequestReceivedAndIsRetryable() {
        queue.failNextSends(true);

        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("drop", "alice", null)))
                .isInstanceOf(RetryableException.class);

        assertThat(requests.all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.RECEIVED);
            assertThat(r.leaseExpiresAt()).as("the hold is given back for the retry").isNull();
        });
        assertThat(metrics.accepted).hasValue(0);
    }

    @Test
    void firstWrite_holdsTheRequestForTheCallThatSendsIt() {
        InMemoryRequestStore watched = Mockito.spy(requests);
        ParticipateUseCase useCase = new ParticipateUseCase(events, watched, queue, new Sha256RequestIds(),
                new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8)), clock, metrics);

        useCase.participate(new ParticipateCommand("drop", "alice", null));

        Mockito.verify(watched).insertIfAbsent(Mockito.argThat(r -> r.status() == RequestStatus.RECEIVED
                && clock.instant().plus(ParticipateUseCase.DEFAULT_SENDING_HOLD).equals(r.leaseExpiresAt())));
        Mockito.verify(watched).markQueued(Mockito.any(), Mockito.any());
        Mockito.verify(watched, Mockito.never()).hold(Mockito.any(), Mockito.any(), Mockito.any());
    }

    @Test
    void duplicateWhileTheFirstCallHoldsTheRequest_isInProgress_untilTheHoldRunsOut() {
        ParticipateUseCase.Admission.Fresh fresh = (ParticipateUseCase.Admission.Fresh)
                useCase.admit(new ParticipateCommand("drop", "alice", null));
        // The first call wrote RECEIVED with its hold, then died before it sent.
        useCase.record(fresh.request(), clock.instant().plusSeconds(10));

        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("drop", "alice", null)))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IN_PROGRESS);
                    assertThat(e.requestId()).contains(fresh.request().requestId().value());
                });
        assertThat(queue.sent).isEmpty();

        clock.advance(Duration.ofSeconds(11));
        Participation resumed = useCase.participate(new ParticipateCommand("drop", "alice", null));

        assertThat(resumed.created()).isFalse();
        assertThat(resumed.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(queue.sent).singleElement().satisfies(m -> assertThat(m.acceptedAt())
                .as("the first arrival's place is kept").isEqualTo(fresh.request().acceptedAt()));
    }

    @Test
    void duplicateOfARequestStuckInReceived_sendsItAgain() {
        queue.failNextSends(true);
        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("drop", "alice", null)));
        queue.failNextSends(false);

        Participation retry = useCase.participate(new ParticipateCommand("drop", "alice", null));

        assertThat(retry.created()).isFalse();
        assertThat(retry.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(queue.sent).hasSize(1);
        assertThat(requests.find(retry.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.QUEUED);
    }

    @Test
    void unknownEvent_isNotFoundAndStoresNothing() {
        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("nope", "alice", null)))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EVENT_NOT_FOUND));
        assertThat(requests.all()).isEmpty();
        assertThat(queue.sent).isEmpty();
    }

    @Test
    void beforeOpening_isNotOpenAndStoresNothing() {
        clock.set(OPENS.minusMillis(1));

        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("drop", "alice", null)))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EVENT_NOT_OPEN);
                    assertThat(e.getMessage()).contains(OPENS.toString());
                });
        assertThat(requests.all()).isEmpty();
    }

    @Test
    void atClosing_isClosedAndStoresNothing() {
        clock.set(OPENS.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> useCase.participate(new ParticipateCommand("drop", "alice", null)))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EVENT_CLOSED));
        assertThat(requests.all()).isEmpty();
    }

    @Test
    void afterClosing_aParticipantIsAnsweredWithItsRequest_andNothingIsWritten() {
        Participation first = useCase.participate(new ParticipateCommand("drop", "alice", null));
        clock.set(OPENS.plus(Duration.ofHours(2)));

        Participation again = useCase.participate(new ParticipateCommand("drop", "alice", null));

        assertThat(again).isEqualTo(new Participation(first.requestId(), RequestStatus.QUEUED, false));
        assertThat(queue.sent).hasSize(1);
        assertThat(requests.find(first.requestId()).orElseThrow().version()).as("no write").isEqualTo(2);
    }

    @Test
    void eventDefinitions_areReadOncePerCacheLifetime() {
        for (int i = 0; i < 20; i++) {
            useCase.participate(new ParticipateCommand("drop", "user-" + i, null));
        }
        assertThat(events.reads()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(6));
        useCase.participate(new ParticipateCommand("drop", "late", null));

        assertThat(events.reads()).isEqualTo(2);
    }

    @Test
    void sentButNotMarkedQueued_isStillAccepted() {
        InMemoryRequestStore failingMark = Mockito.spy(requests);
        Mockito.doThrow(new RetryableException("UpdateItem throttled (test)")).when(failingMark)
                .markQueued(Mockito.any(), Mockito.any());
        ParticipateUseCase useCase = new ParticipateUseCase(events, failingMark, queue, new Sha256RequestIds(),
                new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8)), clock, metrics);

        Participation result = useCase.participate(new ParticipateCommand("drop", "alice", null));

        assertThat(result.created()).as("recorded and sent: a 202").isTrue();
        assertThat(queue.sent).hasSize(1);
        assertThat(requests.find(result.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void acceptedAt_isTakenAfterTheEventLookup() {
        EventCatalog slowLookup = eventId -> {
            clock.advance(Duration.ofMillis(700));
            return events.find(eventId);
        };
        Instant before = clock.instant();
        ParticipateUseCase useCase = new ParticipateUseCase(slowLookup, requests, queue, new Sha256RequestIds(),
                new HmacUserKeys("k".repeat(32).getBytes(StandardCharsets.UTF_8)), clock, metrics);

        Participation result = useCase.participate(new ParticipateCommand("drop", "bob", null));

        assertThat(requests.find(result.requestId()).orElseThrow().acceptedAt()).isEqualTo(before.plusMillis(700));
    }
}
