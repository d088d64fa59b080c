package com.rushgate.core.contract;

import static com.rushgate.core.domain.TransitionInputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.app.port.StockLedger.GrantResult;
import com.rushgate.core.app.port.StockLedger.LeaseResult;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestField;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.StoredRequest;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import com.rushgate.core.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every transition changes what a store holds exactly as its {@link Transition#effect()} says: the
 * request after the write is {@link StoredRequest#after} of the request before, index entries,
 * latency figures and lease holder included. Subclassed for the in-memory fake and for DynamoDB
 * Local, so the adapter's update expressions and the fake cannot drift apart. A new transition
 * does not compile here until it has its case.
 */
public abstract class TransitionEffectContract {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /**
     * The writers over shared state, and what the store holds for a request (everything it keeps,
     * read strongly consistent).
     */
    public record Parts(RequestStore requests, StockAllocator stock, StockLedger ledger, Consumer<Event> events,
                        Function<RequestId, Optional<StoredRequest>> stored) {
    }

    protected abstract Parts createParts();

    private Parts parts;
    private String eventId;

    @BeforeEach
    void setUp() {
        parts = createParts();
        eventId = Requests.uniqueEventId();
    }

    /** One write of a transition: on which request, how, and with which inputs. */
    private record Write(RequestId requestId, BooleanSupplier perform, TransitionInputs inputs) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transition.class)
    void write_changesTheStoredRequestExactlyAsItsEffectSays(Transition transition) {
        Write write = prepare(transition);
        StoredRequest before = stored(write.requestId());

        assertThat(write.perform().getAsBoolean()).as("the write applies").isTrue();

        StoredRequest after = stored(write.requestId());
        assertThat(after).isEqualTo(before.after(transition, withTheStoresClaimToken(write.inputs(), after)));
    }

    @Test
    void allocate_writesTheSucceedEffect_inTheSameStepAsTheStock() {
        parts.events().accept(Requests.openFcfs(eventId, 1, T0));
        ParticipationRequest claimed = claimed(accepted("alice"), T0);
        StoredRequest before = stored(claimed.requestId());

        assertThat(parts.stock().allocate(claimed, T0.plusSeconds(2))).isEqualTo(StockAllocator.Allocation.ALLOCATED);

        assertThat(stored(claimed.requestId()))
                .isEqualTo(before.after(Transition.SUCCEED, at(T0.plusSeconds(2)).heldAs(claimed)));
    }

    @Test
    void claim_recordsATokenOfItsOwnAsTheLeaseHolder() {
        ParticipationRequest request = accepted("alice");

        claimed(request, T0);

        assertThat(stored(request.requestId()).get(RequestField.LEASE_HOLDER, String.class)).isNotBlank();
    }

    /** Brings a fresh request to a state the transition starts from, with as much to change as it can. */
    private Write prepare(Transition transition) {
        return switch (transition) {
            case ENQUEUE -> {
                ParticipationRequest held = held();
                yield new Write(held.requestId(), () -> parts.requests().markQueued(held.requestId(), T0.plusSeconds(1)),
                        at(T0.plusSeconds(1)));
            }
            case HOLD -> {
                ParticipationRequest held = held();
                yield new Write(held.requestId(),
                        () -> parts.requests().hold(held.requestId(), T0.plusSeconds(11), T0.plusSeconds(21)).isPresent(),
                        at(T0.plusSeconds(11)).withLeaseUntil(T0.plusSeconds(21)));
            }
            case UNHOLD -> {
                ParticipationRequest held = held();
                yield new Write(held.requestId(), () -> parts.requests().unhold(held, T0.plusSeconds(1)),
                        at(T0.plusSeconds(1)).seenAt(held.version()));
            }
            case CLAIM -> {
                ParticipationRequest failed = failed();
                Instant now = T0.plusSeconds(3);
                yield new Write(failed.requestId(),
                        () -> parts.requests().claim(failed.requestId(), now, now.plus(LEASE)) instanceof ClaimResult.Claimed,
                        at(now).withLeaseUntil(now.plus(LEASE)));
            }
            case RELEASE -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0);
                yield new Write(claimed.requestId(), () -> parts.requests().release(claimed, T0.plusSeconds(1)),
                        at(T0.plusSeconds(1)).heldAs(claimed));
            }
            case SUCCEED -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
                yield new Write(claimed.requestId(), () -> parts.requests().succeed(claimed, T0.plusSeconds(2)),
                        at(T0.plusSeconds(2)).heldAs(claimed));
            }
            case ENTER -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
                Instant drawAt = T0.plusSeconds(600);
                yield new Write(claimed.requestId(), () -> parts.requests().enter(claimed, drawAt, T0.plusSeconds(2)),
                        at(T0.plusSeconds(2)).heldAs(claimed).withDrawTime(drawAt));
            }
            case WIN -> decideEntry(EntryDecision.Verdict.WON);
            case LOSE -> decideEntry(EntryDecision.Verdict.NOT_DRAWN);
            case GRANT -> grant(claimed(accepted("alice"), T0));
            case REJECT -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
                yield new Write(claimed.requestId(),
                        () -> parts.requests().reject(claimed, RejectReason.SOLD_OUT, T0.plusSeconds(2)),
                        at(T0.plusSeconds(2)).heldAs(claimed).withReason(RejectReason.SOLD_OUT.name()));
            }
            case FAIL -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
                yield new Write(claimed.requestId(),
                        () -> parts.requests().fail(claimed, FailureReason.UNKNOWN_EVENT, T0.plusSeconds(2)),
                        at(T0.plusSeconds(2)).heldAs(claimed).withReason(FailureReason.UNKNOWN_EVENT.name()));
            }
            case GIVE_UP -> {
                ParticipationRequest queued = accepted("alice");
                parts.requests().markQueued(queued.requestId(), T0);
                yield new Write(queued.requestId(),
                        () -> parts.requests().giveUp(queued.requestId(), FailureReason.RETRIES_EXHAUSTED, T0.plusSeconds(1)),
                        at(T0.plusSeconds(1)).withReason(FailureReason.RETRIES_EXHAUSTED.name()));
            }
            case REDRIVE -> {
                ParticipationRequest failed = failed();
                yield new Write(failed.requestId(),
                        () -> parts.requests().redrive(failed.requestId(), "event restored", T0.plusSeconds(3)),
                        at(T0.plusSeconds(3)).withRedriveReason("event restored"));
            }
            case REQUEUE -> {
                ParticipationRequest claimed = claimed(accepted("alice"), T0);
                RequestStore.InflightRequest seen = new RequestStore.InflightRequest(claimed.requestId(), eventId,
                        RequestStatus.PROCESSING, claimed.attempts(), T0, claimed.leaseExpiresAt(), claimed.version(), T0);
                Instant expired = T0.plus(LEASE).plusSeconds(1);
                yield new Write(claimed.requestId(), () -> parts.requests().requeue(seen, expired),
                        at(expired).seenAt(claimed.version()));
            }
        };
    }

    /** A raffle entry waiting for its draw, decided by it. */
    private Write decideEntry(EntryDecision.Verdict verdict) {
        ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
        assertThat(parts.requests().enter(claimed, T0.plusSeconds(600), T0.plusSeconds(2))).isTrue();
        EntryDecision decision = new EntryDecision(claimed.requestId(), claimed.acceptedAt(), verdict);
        Instant drawnAt = T0.plusSeconds(601);
        Instant now = T0.plusSeconds(605);
        TransitionInputs inputs = at(now).withAcceptedAt(claimed.acceptedAt()).withDrawTime(drawnAt);
        if (verdict.reason() != null) {
            inputs = inputs.withReason(verdict.reason().name());
        }
        return new Write(claimed.requestId(), () -> parts.requests().decideEntry(decision, drawnAt, now), inputs);
    }

    /** The allocator grants a claimed request: the most a GRANT has to take away (lease, holder). */
    private Write grant(ParticipationRequest claimed) {
        parts.events().accept(Requests.openFcfs(eventId, 1, T0));
        LeaseResult lease = parts.ledger().acquire(eventId, "allocator", T0, T0.plusSeconds(5)).orElseThrow();
        StockLedger.State state = ((LeaseResult.Acquired) lease).state();
        ArrivalKey winner = ArrivalKey.of(claimed);
        Instant now = T0.plusSeconds(3);
        return new Write(claimed.requestId(), () -> parts.ledger().grant(eventId, "allocator", state, List.of(winner),
                winner, T0.plusSeconds(8), now) instanceof GrantResult.Granted, at(now).withAcceptedAt(claimed.acceptedAt()));
    }

    private ParticipationRequest accepted(String userId) {
        ParticipationRequest request = Requests.received(eventId, userId, T0);
        assertThat(parts.requests().insertIfAbsent(request)).isEmpty();
        return request;
    }

    /** RECEIVED and held by Ingest until T0 + 10 s. */
    private ParticipationRequest held() {
        ParticipationRequest held = Requests.received(eventId, "alice", T0).heldUntil(T0.plusSeconds(10));
        assertThat(parts.requests().insertIfAbsent(held)).isEmpty();
        return held;
    }

    /** FAILED_FINAL with a reason, a completion and latency figures. */
    private ParticipationRequest failed() {
        ParticipationRequest claimed = claimed(accepted("alice"), T0.plusSeconds(1));
        assertThat(parts.requests().fail(claimed, FailureReason.UNKNOWN_EVENT, T0.plusSeconds(2))).isTrue();
        return claimed;
    }

    private ParticipationRequest claimed(ParticipationRequest request, Instant now) {
        ClaimResult result = parts.requests().claim(request.requestId(), now, now.plus(LEASE));
        assertThat(result).isInstanceOf(ClaimResult.Claimed.class);
        return ((ClaimResult.Claimed) result).request();
    }

    private StoredRequest stored(RequestId requestId) {
        return parts.stored().apply(requestId).orElseThrow();
    }

    /** A claim's token is the store's own choice; every other input is the test's. */
    private static TransitionInputs withTheStoresClaimToken(TransitionInputs inputs, StoredRequest after) {
        return inputs.withClaimToken(after.get(RequestField.LEASE_HOLDER, String.class));
    }
}
