package com.rushgate.core.app;

import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.Pause;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.app.port.StockLedger.GrantResult;
import com.rushgate.core.app.port.StockLedger.LeaseResult;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Availability;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FCFS by arrival, not by race: the first C eligible arrivals of an event win its C units,
 * whatever the order of messages, workers, retries and faults.
 *
 * <p>A delivery for a request of an FCFS event with stock left does not take a unit for itself. It
 * makes sure the event's line is being served: one allocator at a time (the holder of the event's
 * allocation lease) walks the arrival index in order up to the watermark (now minus the settle
 * window) and grants units to the next requests, up to {@link AllocationPolicy#batch()} at a time,
 * in one atomic step with the stock and the cursor. Every other delivery waits for its request to be
 * decided, taking the lease over when it is free. Retryable failures are retried here, with jittered
 * backoff, never by sending the request to the back of the line.
 *
 * <p>Once the stock is 0 the order no longer matters: every request not granted is rejected by its
 * own delivery, in parallel ({@link Outcome#SOLD_OUT}).
 */
public final class OrderedAllocation {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedAllocation.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(250);

    /** What became of the request a delivery asked about. */
    public enum Outcome {
        /** It is SUCCEEDED (by this delivery's allocator or another one). */
        GRANTED,
        /** It was REJECTED by somebody else meanwhile. */
        DECIDED_ELSEWHERE,
        /** No stock is left and it was not granted: the caller rejects it. */
        SOLD_OUT,
        /** Not decided before the deadline: the caller gives its message back, it keeps its place. */
        PENDING
    }

    private final RequestStore requests;
    private final ArrivalIndex index;
    private final StockLedger ledger;
    private final AllocationPolicy policy;
    private final Clock clock;
    private final Pause pause;
    private final Supplier<String> holders;
    private final BusinessMetrics metrics;
    private final Backoff backoff;
    /** Events this container saw sold out, until when it trusts that without reading the stock. */
    private final ConcurrentMap<String, SoldOut> soldOutUntil = new ConcurrentHashMap<>();
    private static final int SOLD_OUT_MEMORY = 10_000;

    /**
     * @param holders a new, unique allocator token per call (an allocator session), never reused
     */
    public OrderedAllocation(RequestStore requests, ArrivalIndex index, StockLedger ledger, AllocationPolicy policy,
                             Clock clock, Pause pause, Supplier<String> holders, BusinessMetrics metrics) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.index = Objects.requireNonNull(index, "index");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.backoff = new Backoff(clock, pause, FIRST_BACKOFF, MAX_BACKOFF);
    }

    public AllocationPolicy policy() {
        return policy;
    }

    /**
     * Serves {@code event}'s line until {@code request} is decided, the stock is gone, or
     * {@code deadline} passes.
     *
     * @param request the request as just read (strongly consistent), eligible by the event's rules
     * @throws RetryableException when a dependency kept failing until the deadline
     */
    public Outcome serve(Event event, ParticipationRequest request, Instant deadline) {
        String holder = holders.get();
        ArrivalKey mine = ArrivalKey.of(request);
        Instant settled = request.acceptedAt().plus(policy.settle());
        ParticipationRequest current = request;
        int waits = 0;
        SoldOut soldOut = soldOutUntil.get(event.eventId());
        // Only a request accepted before the sell-out was seen is refused from memory: one accepted
        // later may have come after a restock, and must not lose to a still later one.
        if (soldOut != null && clock.instant().isBefore(soldOut.until())
                && !request.acceptedAt().isAfter(soldOut.seenAt())) {
            return decided(current).orElse(Outcome.SOLD_OUT);
        }
        while (true) {
            Optional<Outcome> known = decided(current);
            if (known.isPresent()) {
                return known.get();
            }
            if (Thread.currentThread().isInterrupted()) {
                // The invocation is giving up on this record: its message comes back, its place stays.
                return Outcome.PENDING;
            }
            Instant now = clock.instant();
            if (now.isBefore(settled)) {
                // Requests accepted just before this one may not be written yet: wait until they are.
                if (settled.isAfter(deadline)) {
                    return Outcome.PENDING;
                }
                pause.pause(Duration.between(now, settled));
                continue;
            }
            StockLedger.State state = backoff.retrying(() -> ledger.read(event.eventId(), false), deadline)
                    .orElseThrow(() -> new RetryableException("the event " + event.eventId() + " disappeared"));
            if (state.remaining() == 0) {
                rememberSoldOut(event.eventId(), now);
                return soldOutUnlessGranted(request.requestId(), deadline);
            }
            if (!state.heldByOtherAt(holder, now)) {
                LeaseResult lease = backoff.retrying(() -> ledger.acquire(event.eventId(), holder, now,
                        now.plus(policy.lease())), deadline)
                        .orElseThrow(() -> new RetryableException("the event " + event.eventId() + " disappeared"));
                if (lease instanceof LeaseResult.Acquired acquired) {
                    try {
                        serveLine(event, holder, mine, acquired.state(), deadline);
                    } finally {
                        releaseQuietly(event.eventId(), holder);
                    }
                    current = read(request.requestId(), deadline);
                    if (decided(current).isPresent()) {
                        continue;
                    }
                    // Served what the index shows, and this request is not decided: the index has
                    // not shown it yet. Wait a little before serving again.
                }
            }
            // Another allocator serves the line: this request is decided in its turn.
            Duration wait = Backoff.step(FIRST_BACKOFF, MAX_BACKOFF, waits++);
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return Outcome.PENDING;
            }
            pause.pause(wait);
            current = read(request.requestId(), deadline);
        }
    }

    private void rememberSoldOut(String eventId, Instant now) {
        if (soldOutUntil.size() >= SOLD_OUT_MEMORY) {
            soldOutUntil.clear();
        }
        // Stock only goes down but for a restock, which the next read after this sees.
        soldOutUntil.put(eventId, new SoldOut(now, now.plus(policy.soldOutMemory())));
    }

    /** An event's stock seen gone at {@code seenAt}, remembered until {@code until}. */
    private record SoldOut(Instant seenAt, Instant until) {
    }

    private Optional<Outcome> decided(ParticipationRequest current) {
        if (current.status() == RequestStatus.SUCCEEDED) {
            return Optional.of(Outcome.GRANTED);
        }
        if (current.status() == RequestStatus.REJECTED) {
            return Optional.of(Outcome.DECIDED_ELSEWHERE);
        }
        return Optional.empty();
    }

    private Outcome soldOutUnlessGranted(RequestId requestId, Instant deadline) {
        // The grant that took the last unit and this request's SUCCEEDED are one atomic step.
        return decided(read(requestId, deadline)).orElse(Outcome.SOLD_OUT);
    }

    private ParticipationRequest read(RequestId requestId, Instant deadline) {
        return backoff.retrying(() -> requests.find(requestId), deadline)
                .orElseThrow(() -> new RetryableException("request " + requestId + " disappeared"));
    }

    /**
     * The allocator's rounds: the next settled arrivals after the cursor, in order, granted while
     * stock lasts. Stops when nothing settled is left, the stock is gone, the lease is lost or the
     * deadline is near.
     */
    private void serveLine(Event event, String holder, ArrivalKey mine, StockLedger.State start, Instant deadline) {
        StockLedger.State state = start;
        boolean mineServed = false;
        Set<RequestId> decidedMeanwhile = new HashSet<>();
        while (state.remaining() > 0 && clock.instant().isBefore(deadline) && !Thread.currentThread().isInterrupted()) {
            Instant watermark = clock.instant().minus(policy.settle());
            Optional<ArrivalKey> cursor = state.cursor();
            List<ArrivalKey> line;
            boolean late = !mineServed && cursor.isPresent() && mine.compareTo(cursor.get()) <= 0;
            if (late) {
                // The line was served past this request while the index did not show it yet: it is
                // served now, before anyone after the cursor.
                LOG.warn("request {} reached the arrival index after the line passed it", mine.requestId());
                line = List.of(mine);
                mineServed = true;
            } else {
                StockLedger.State from = state;
                line = backoff.retrying(() -> index.next(event.eventId(), from.cursor(), watermark,
                        policy.batch() + decidedMeanwhile.size()), deadline);
                line = line.stream().filter(key -> !decidedMeanwhile.contains(key.requestId())).toList();
                if (line.size() > policy.batch()) {
                    line = line.subList(0, policy.batch());
                }
            }
            if (line.isEmpty()) {
                return;
            }
            List<ArrivalKey> winners = new ArrayList<>();
            ArrivalKey newCursor = cursor.orElse(null);
            for (ArrivalKey key : line) {
                if (winners.size() == state.remaining()) {
                    break;
                }
                if (event.availabilityAt(key.acceptedAt()) == Availability.OPEN) {
                    winners.add(key);
                }
                // Passed over or granted: either way the line has been served up to here.
                if (newCursor == null || key.compareTo(newCursor) > 0) {
                    newCursor = key;
                }
            }
            ArrivalKey moveTo = newCursor;
            Instant now = clock.instant();
            StockLedger.State before = state;
            GrantResult result = backoff.retrying(() -> ledger.grant(event.eventId(), holder, before, winners, moveTo,
                    now.plus(policy.lease()), now), deadline);
            if (result instanceof GrantResult.Granted granted) {
                state = granted.state();
                for (ArrivalKey winner : winners) {
                    metrics.succeeded(Duration.between(winner.acceptedAt(), now));
                }
                decidedMeanwhile.clear();
            } else if (result instanceof GrantResult.AlreadyDecided already) {
                decidedMeanwhile.addAll(already.requestIds());
                if (late) {
                    return;
                }
            } else if (result instanceof GrantResult.StockChanged) {
                state = backoff.retrying(() -> ledger.read(event.eventId(), true), deadline).orElse(state);
            } else {
                LOG.info("allocation lease on event {} taken over by another allocator", event.eventId());
                return;
            }
        }
    }

    private void releaseQuietly(String eventId, String holder) {
        try {
            ledger.release(eventId, holder);
        } catch (RetryableException e) {
            // The lease runs out on its own; the next allocator waits at most that long.
            LOG.warn("could not release the allocation lease on event {}: {}", eventId, e.getMessage());
        }
    }
}
