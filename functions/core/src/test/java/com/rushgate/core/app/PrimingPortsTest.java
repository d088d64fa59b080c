package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.InMemoryEvents;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PrimingPortsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final InMemoryRequestStore real = spy(new InMemoryRequestStore());
    private final RequestStore requests = PrimingPorts.requests(real);
    private final ParticipationRequest someoneElse = Requests.received("drop-1", "alice", NOW);

    @Test
    void primingRequest_isDerivedLikeAnyOther() {
        assertThat(PrimingPorts.REQUEST_ID).isEqualTo(new Sha256RequestIds().derive(PrimingPorts.EVENT_ID, PrimingPorts.USER_ID));
        assertThat(RequestId.isWellFormed(PrimingPorts.REQUEST_ID.value())).isTrue();
    }

    @Test
    void events_readThrough_butThePrimingEventIsAlwaysTheOpenSoldOutStandIn() {
        InMemoryEvents table = new InMemoryEvents(new InMemoryRequestStore());
        table.put(Event.create(PrimingPorts.EVENT_ID, EventType.RAFFLE, 100, NOW, NOW.plusSeconds(3_600)));
        table.put(Event.create("drop-1", EventType.FCFS, 5, NOW, null));

        Event priming = PrimingPorts.events(table).find(PrimingPorts.EVENT_ID).orElseThrow();
        Event other = PrimingPorts.events(table).find("drop-1").orElseThrow();

        assertThat(table.reads()).as("both read the table").isEqualTo(2);
        assertThat(priming).isEqualTo(PrimingPorts.event());
        assertThat(priming.type()).isEqualTo(EventType.FCFS);
        assertThat(priming.remaining()).isZero();
        assertThat(other.capacity()).isEqualTo(5);
    }

    @Test
    void events_findLatestToo_readsThrough_andAnswersTheStandInForThePrimingEvent() {
        InMemoryEvents table = new InMemoryEvents(new InMemoryRequestStore());
        table.put(Event.create(PrimingPorts.EVENT_ID, EventType.RAFFLE, 100, NOW, NOW.plusSeconds(3_600)));

        Event priming = PrimingPorts.events(table).findLatest(PrimingPorts.EVENT_ID).orElseThrow();

        assertThat(table.reads()).isEqualTo(1);
        assertThat(priming).isEqualTo(PrimingPorts.event());
        assertThat(PrimingPorts.events(table).findLatest("no-such-event")).isEmpty();
    }

    @Test
    void raffles_scanTheTable_butNoRaffleIsEverDueWhilePriming_andNothingElseIsAnswered() {
        InMemoryRequestStore store = new InMemoryRequestStore();
        InMemoryEvents table = new InMemoryEvents(store);
        DrawSeed seed = DrawSeed.fromHex("7a".repeat(32));
        table.create(Event.create("raffle-due", EventType.RAFFLE, 3, NOW.minusSeconds(7_200), NOW.minusSeconds(3_600))
                .withRaffle(Raffle.committedTo(seed)), Optional.of(seed));
        Raffles raffles = PrimingPorts.raffles(table);

        assertThat(table.unfinished(NOW)).as("the table has one due").hasSize(1);
        assertThat(raffles.unfinished(NOW)).isEmpty();
        assertThatThrownBy(() -> raffles.seed("raffle-due"))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("Raffles.seed");
        assertThatThrownBy(() -> raffles.finalise("raffle-due"))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("Raffles.finalise");
        assertThatThrownBy(() -> PrimingPorts.drawResults().begin("raffle-due"))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("DrawResults.begin");
        assertThatThrownBy(() -> PrimingPorts.drawResults().read("draws/raffle-due/1/"))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("DrawResults.read");
    }

    @Test
    void decideEntry_ofThePrimingRequest_findsItDecidedAlready_andAnyOtherIsRefused() {
        real.insertIfAbsent(someoneElse);
        EntryDecision priming = new EntryDecision(PrimingPorts.REQUEST_ID, PrimingPorts.ACCEPTED_AT,
                EntryDecision.Verdict.NOT_DRAWN);
        EntryDecision other = new EntryDecision(someoneElse.requestId(), NOW, EntryDecision.Verdict.WON);

        assertThat(requests.decideEntry(priming, NOW, NOW)).isFalse();
        assertThatThrownBy(() -> requests.decideEntry(other, NOW, NOW)).isInstanceOf(PrimingPorts.WriteRefused.class);
        assertThat(real.all()).containsExactly(someoneElse);
    }

    @Test
    void find_readsTheRealStore_andShowsTheStandInForThePrimingRequest() {
        real.insertIfAbsent(someoneElse);

        ParticipationRequest priming = requests.find(PrimingPorts.REQUEST_ID).orElseThrow();

        verify(real).find(PrimingPorts.REQUEST_ID);
        assertThat(priming.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(priming.userId()).isEqualTo(PrimingPorts.USER_ID);
        assertThat(requests.find(someoneElse.requestId())).contains(someoneElse);
    }

    @Test
    void insertIfAbsent_ofThePrimingRequest_answersADecidedDuplicate_andWritesNothing() {
        var existing = requests.insertIfAbsent(PrimingPorts.request(RequestStatus.RECEIVED));

        assertThat(existing).hasValueSatisfying(request -> assertThat(request.status().isDecided()).isTrue());
        assertThat(real.all()).isEmpty();
    }

    @Test
    void claim_ofThePrimingRequest_hasItProcessing_soTheWorkerDecidesIt() {
        ClaimResult claim = requests.claim(PrimingPorts.REQUEST_ID, NOW, NOW.plusSeconds(30));

        assertThat(claim).isInstanceOfSatisfying(ClaimResult.Claimed.class,
                claimed -> assertThat(claimed.request().status()).isEqualTo(RequestStatus.PROCESSING));
        assertThat(real.all()).isEmpty();
    }

    @Test
    void everyWrite_forAnyOtherRequest_isRefusedAndLeavesTheStoreAsItWas() {
        real.insertIfAbsent(someoneElse);
        RequestId other = someoneElse.requestId();
        List<Consumer<RequestStore>> writes = List.of(
                store -> store.insertIfAbsent(Requests.received("drop-1", "bob", NOW)),
                store -> store.markQueued(other, NOW),
                store -> store.claim(other, NOW, NOW.plusSeconds(30)),
                store -> store.release(someoneElse, NOW),
                store -> store.succeed(someoneElse, NOW),
                store -> store.reject(someoneElse, RejectReason.SOLD_OUT, NOW),
                store -> store.fail(someoneElse, FailureReason.UNKNOWN_EVENT, NOW),
                store -> store.giveUp(other, FailureReason.RETRIES_EXHAUSTED, NOW),
                store -> store.redrive(other, null, NOW),
                store -> store.requeue(new RequestStore.InflightRequest(other, "drop-1", RequestStatus.RECEIVED, 0, NOW,
                        null, 1, NOW), NOW));

        for (Consumer<RequestStore> write : writes) {
            assertThatThrownBy(() -> write.accept(requests)).isInstanceOf(PrimingPorts.WriteRefused.class);
        }
        assertThat(real.all()).containsExactly(someoneElse);
    }

    @Test
    void queueAndStock_acceptOnlyThePrimingRequest_andTheDeadLetterQueueNothing() {
        PrimingPorts.queue().send(PrimingPorts.message());
        assertThat(PrimingPorts.stock().allocate(PrimingPorts.request(RequestStatus.PROCESSING), NOW))
                .isEqualTo(StockAllocator.Allocation.SOLD_OUT);

        assertThatThrownBy(() -> PrimingPorts.queue().send(new WorkMessage(someoneElse.requestId(), "drop-1", NOW)))
                .isInstanceOf(PrimingPorts.WriteRefused.class);
        assertThatThrownBy(() -> PrimingPorts.stock().allocate(someoneElse, NOW))
                .isInstanceOf(PrimingPorts.WriteRefused.class);
        assertThatThrownBy(() -> PrimingPorts.deadLetters().send(new DeadLetter(null, PrimingPorts.message(), "m-1",
                "UNKNOWN_EVENT", "test", NOW))).isInstanceOf(PrimingPorts.WriteRefused.class);
        assertThat(PrimingPorts.deadLetterSource().receive(10, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aPortMethodItsStandInDoesNotAnswer_isRefused_namingThePortAndTheMethod() {
        assertThatThrownBy(() -> PrimingPorts.ledger().acquire(PrimingPorts.EVENT_ID, "a", NOW, NOW.plusSeconds(5)))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("StockLedger.acquire");
        assertThatThrownBy(() -> PrimingPorts.deadLetterSource().delete(null))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("DeadLetterSource.delete");
        assertThatThrownBy(() -> PrimingPorts.deadLetters().send(null))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("DeadLetters.send");
    }

    /** WorkQueue as it would be after gaining a method. */
    interface GrownQueue extends WorkQueue {
        void sendLater(WorkMessage message, Duration delay);
    }

    @Test
    void aMethodAPortGains_isRefusedWithoutAnEditToTheStandIn() {
        List<WorkMessage> sent = new ArrayList<>();
        GrownQueue queue = PrimingStandIn.of(GrownQueue.class, new Object() {
            public void send(WorkMessage message) {
                sent.add(message);
            }
        });

        queue.send(PrimingPorts.message());

        assertThat(sent).containsExactly(PrimingPorts.message());
        assertThatThrownBy(() -> queue.sendLater(PrimingPorts.message(), Duration.ofSeconds(1)))
                .isInstanceOf(PrimingPorts.WriteRefused.class).hasMessageContaining("GrownQueue.sendLater");
    }

    @Test
    void anAnswerForAMethodThePortDoesNotHave_failsWhenTheStandInIsBuilt() {
        Object renamed = new Object() {
            public void sendNow(WorkMessage message) {
            }
        };

        assertThatThrownBy(() -> PrimingStandIn.of(WorkQueue.class, renamed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sendNow");
    }

    @Test
    void everyStandIn_answersOnlyWhatItsPortDeclares() {
        InMemoryEvents table = new InMemoryEvents(new InMemoryRequestStore());
        List<Object> standIns = List.of(PrimingPorts.events(table), PrimingPorts.requests(real), PrimingPorts.queue(),
                PrimingPorts.deadLetters(), PrimingPorts.stock(), PrimingPorts.arrivals(), PrimingPorts.ledger(),
                PrimingPorts.deadLetterSource(), PrimingPorts.raffles(table), PrimingPorts.drawResults());

        assertThat(standIns).allSatisfy(standIn -> assertThat(standIn.toString()).startsWith("priming stand-in of "));
    }
}
