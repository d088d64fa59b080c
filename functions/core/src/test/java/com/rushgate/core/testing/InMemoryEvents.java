package com.rushgate.core.testing;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Raffle;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * In-memory events, FCFS stock, raffles' draws and operators' changes. The racing allocation (the bench baseline's) and the ledger's
 * grant are atomic like the DynamoDB transactions; StockLedgerContract runs against both.
 */
public final class InMemoryEvents implements EventCatalog, StockAllocator, StockLedger, Raffles, ManagedEvents {

    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final Map<String, Allocator> allocators = new ConcurrentHashMap<>();
    private final Map<String, DrawSeed> seeds = new ConcurrentHashMap<>();
    private final InMemoryRequestStore requests;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger grants = new AtomicInteger();

    public InMemoryEvents(InMemoryRequestStore requests) {
        this.requests = requests;
    }

    public void put(Event event) {
        events.put(event.eventId(), event);
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public Optional<Event> find(String eventId) {
        reads.incrementAndGet();
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public Allocation allocate(ParticipationRequest claimed, Instant now) {
        synchronized (requests) {
            ParticipationRequest current = requests.find(claimed.requestId()).orElse(null);
            if (current == null || !Transition.SUCCEED.allows(current, now, claimed.attempts(), -1)) {
                return Allocation.SUPERSEDED;
            }
            Event event = events.get(claimed.eventId());
            if (event == null || event.remaining() == 0) {
                return Allocation.SOLD_OUT;
            }
            events.put(event.eventId(), new Event(event.eventId(), event.type(), event.capacity(),
                    event.remaining() - 1, event.opensAt(), event.closesAt()));
            requests.succeedLocked(claimed, now);
            return Allocation.ALLOCATED;
        }
    }

    @Override
    public Optional<State> read(String eventId, boolean consistent) {
        synchronized (requests) {
            Event event = events.get(eventId);
            return event == null ? Optional.empty() : Optional.of(state(event));
        }
    }

    @Override
    public Optional<LeaseResult> acquire(String eventId, String holder, Instant now, Instant until) {
        synchronized (requests) {
            Event event = events.get(eventId);
            if (event == null) {
                return Optional.empty();
            }
            Allocator current = allocators.getOrDefault(eventId, Allocator.NONE);
            boolean free = current.holder() == null || current.until().isBefore(now) || current.holder().equals(holder);
            if (!free) {
                return Optional.of(new LeaseResult.HeldElsewhere(state(event)));
            }
            allocators.put(eventId, new Allocator(holder, until, current.cursor()));
            return Optional.of(new LeaseResult.Acquired(state(event)));
        }
    }

    @Override
    public GrantResult grant(String eventId, String holder, State before, List<ArrivalKey> winners, ArrivalKey cursor,
                             Instant leaseUntil, Instant now) {
        synchronized (requests) {
            Event event = events.get(eventId);
            Allocator current = allocators.getOrDefault(eventId, Allocator.NONE);
            if (event == null || !holder.equals(current.holder())) {
                return new GrantResult.LeaseLost();
            }
            if (event.remaining() != before.remaining()) {
                return new GrantResult.StockChanged();
            }
            Set<RequestId> decided = new HashSet<>();
            for (ArrivalKey winner : winners) {
                if (!requests.grantable(winner.requestId(), now)) {
                    decided.add(winner.requestId());
                }
            }
            if (!decided.isEmpty()) {
                return new GrantResult.AlreadyDecided(decided);
            }
            winners.forEach(winner -> requests.grantLocked(winner, now));
            events.put(eventId, new Event(event.eventId(), event.type(), event.capacity(),
                    event.remaining() - winners.size(), event.opensAt(), event.closesAt()));
            allocators.put(eventId, new Allocator(holder, leaseUntil, cursor));
            grants.addAndGet(winners.size());
            return new GrantResult.Granted(state(events.get(eventId)));
        }
    }

    @Override
    public void release(String eventId, String holder) {
        synchronized (requests) {
            Allocator current = allocators.get(eventId);
            if (current != null && holder.equals(current.holder())) {
                allocators.put(eventId, new Allocator(holder, Instant.EPOCH, current.cursor()));
            }
        }
    }

    /** Units granted through the ledger so far. */
    public int grants() {
        return grants.get();
    }

    private State state(Event event) {
        Allocator allocator = allocators.getOrDefault(event.eventId(), Allocator.NONE);
        return new State(event.remaining(), Optional.ofNullable(allocator.cursor()),
                Optional.ofNullable(allocator.holder()), allocator.until());
    }

    private record Allocator(String holder, Instant until, ArrivalKey cursor) {
        static final Allocator NONE = new Allocator(null, Instant.EPOCH, null);
    }

    @Override
    public synchronized boolean create(Event event, Optional<DrawSeed> seed) {
        if (events.containsKey(event.eventId())) {
            return false;
        }
        events.put(event.eventId(), event);
        seed.ifPresent(secret -> seeds.put(event.eventId(), secret));
        return true;
    }

    @Override
    public Optional<DrawSeed> seed(String eventId) {
        return Optional.ofNullable(seeds.get(eventId));
    }

    @Override
    public synchronized boolean recordDraw(String eventId, Raffle drawn) {
        return changeRaffle(eventId, Raffle.DrawState.OPEN, raffle -> drawn);
    }

    @Override
    public synchronized void recordFanOut(String eventId, Instant at) {
        changeRaffle(eventId, Raffle.DrawState.DRAWN, raffle -> raffle.fannedOutAt(at));
    }

    @Override
    public synchronized boolean finalise(String eventId) {
        return changeRaffle(eventId, Raffle.DrawState.DRAWN, Raffle::finalised);
    }

    @Override
    public synchronized List<Event> unfinished(Instant closedBy) {
        return events.values().stream()
                .filter(event -> event.raffle() != null && event.raffle().state() != Raffle.DrawState.FINALISED)
                .filter(event -> event.drawn() || !event.closesAt().isAfter(closedBy))
                .sorted(Comparator.comparing(Event::eventId))
                .toList();
    }

    @Override
    public synchronized List<Event> list() {
        return events.values().stream().sorted(Comparator.comparing(Event::eventId)).toList();
    }

    @Override
    public synchronized Restock restock(String eventId, int units) {
        Event event = events.get(eventId);
        if (event == null) {
            return new Restock.NotFound();
        }
        long capacity = (long) event.capacity() + units;
        if (event.type() != EventType.FCFS || event.remaining() + units < 0 || capacity > Integer.MAX_VALUE) {
            return new Restock.Refused(event);
        }
        Event restocked = new Event(eventId, event.type(), (int) capacity, event.remaining() + units, event.opensAt(),
                event.closesAt(), event.raffle());
        events.put(eventId, restocked);
        return new Restock.Done(restocked);
    }

    @Override
    public synchronized boolean change(Event expected, Event changed, Optional<DrawSeed> seed) {
        Event current = events.get(expected.eventId());
        if (current == null || !sameForOperators(current, expected)) {
            return false;
        }
        events.put(expected.eventId(), new Event(current.eventId(), current.type(), current.capacity(),
                current.remaining(), changed.opensAt(), changed.closesAt(), changed.raffle()));
        seed.ifPresent(secret -> seeds.put(expected.eventId(), secret));
        return true;
    }

    @Override
    public synchronized boolean delete(Event expected) {
        Event current = events.get(expected.eventId());
        if (current == null || !sameForOperators(current, expected)) {
            return false;
        }
        events.remove(expected.eventId());
        seeds.remove(expected.eventId());
        return true;
    }

    /** The fields an operator's change is judged on: type, window, commitment and draw state (not stock). */
    private static boolean sameForOperators(Event a, Event b) {
        return a.type() == b.type() && a.opensAt().equals(b.opensAt()) && Objects.equals(a.closesAt(), b.closesAt())
                && Objects.equals(a.raffle() == null ? null : a.raffle().commitment(),
                        b.raffle() == null ? null : b.raffle().commitment())
                && Objects.equals(a.raffle() == null ? null : a.raffle().state(),
                        b.raffle() == null ? null : b.raffle().state());
    }

    private boolean changeRaffle(String eventId, Raffle.DrawState expected, UnaryOperator<Raffle> change) {
        Event event = events.get(eventId);
        if (event == null || event.raffle() == null || event.raffle().state() != expected) {
            return false;
        }
        events.put(eventId, event.withRaffle(change.apply(event.raffle())));
        return true;
    }
}
