package com.rushgate.core.app;

import com.rushgate.core.app.port.ArrivalIndex;
import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.app.port.DeadLetters;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.ManagedEvents;
import com.rushgate.core.app.port.Raffles;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ports for SnapStart priming runs, which take a function's real code path and must change nothing.
 *
 * <p>They know one synthetic participation, the <em>priming request</em>: user {@link #USER_ID} in event
 * {@link #EVENT_ID}, whose id {@link #REQUEST_ID} is derived like any other. It lives only here. Every read
 * goes to the real port first (that is the warm-up); then what concerns the priming request gets a
 * stand-in answer, and its "writes" succeed without leaving the process. Reads about anything else
 * pass through; writes about anything else are refused with {@link WriteRefused}, so a priming run
 * that strays from its path fails loudly instead of touching a table or a queue. Each stand-in
 * answers only the methods it names ({@link PrimingStandIn}): any other method of its port, and any
 * method a port gains later, is refused as well, naming the port and the method.
 *
 * <p>The answers follow the deepest path that writes nothing: Ingest finds the event open and the
 * request already decided (a duplicate); the worker claims it and finds the event sold out, and finds
 * it decided already when a raffle's decisions name it; Status shows it to its owner; the public
 * event view shows the stand-in event; a draw finds it is not a raffle, and the reconciler finds no
 * raffle due. Nothing is ever sent to a dead letter queue, not even in memory.
 */
public final class PrimingPorts {

    /** Whatever the EventTable holds under this id, priming sees the stand-in {@link #event()}. */
    public static final String EVENT_ID = "snapstart-priming";
    /** Not the subject of any token: Cognito subjects are UUIDs. */
    public static final String USER_ID = "snapstart-priming";
    public static final RequestId REQUEST_ID = new Sha256RequestIds().derive(EVENT_ID, USER_ID);
    /** Obviously synthetic, and inside the stand-in event's window. */
    public static final Instant ACCEPTED_AT = Instant.EPOCH;

    /** FCFS, open since 1970, never closing, sold out. */
    private static final Event EVENT = new Event(EVENT_ID, EventType.FCFS, 1, 0, Instant.EPOCH, null);
    private static final String USER_KEY = "uk_" + "snapstartprimingsnapstartpriming";

    private PrimingPorts() {
    }

    /** The stand-in event: FCFS, open, sold out. */
    public static Event event() {
        return EVENT;
    }

    /** The priming request as it would stand in {@code status} (claimed once unless RECEIVED or QUEUED). */
    public static ParticipationRequest request(RequestStatus status) {
        boolean claimed = status != RequestStatus.RECEIVED && status != RequestStatus.QUEUED;
        return new ParticipationRequest(REQUEST_ID, EVENT_ID, USER_ID, USER_KEY, EventType.FCFS, status,
                status == RequestStatus.REJECTED ? RejectReason.SOLD_OUT.name() : null,
                claimed ? 1 : 0, 0, ACCEPTED_AT,
                claimed ? ACCEPTED_AT : null,
                status.isFinal() ? ACCEPTED_AT : null,
                status == RequestStatus.PROCESSING ? ACCEPTED_AT.plus(Duration.ofMinutes(1)) : null,
                EVENT_ID, claimed ? 3 : 1, status == RequestStatus.ENTERED ? ACCEPTED_AT.plus(Duration.ofHours(1)) : null);
    }

    /** The work message of the priming request. */
    public static WorkMessage message() {
        return new WorkMessage(REQUEST_ID, EVENT_ID, ACCEPTED_AT);
    }

    public static boolean isPrimingRequest(RequestId requestId) {
        return REQUEST_ID.equals(requestId);
    }

    /**
     * Reads through {@code real}; the priming event is always the open, sold-out stand-in, whatever the
     * table says, so that no event an operator creates can change where priming goes.
     */
    public static EventCatalog events(EventCatalog real) {
        Objects.requireNonNull(real, "real");
        return PrimingStandIn.of(EventCatalog.class, new Object() {
            public Optional<Event> find(String eventId) {
                Optional<Event> found = real.find(eventId);
                return EVENT_ID.equals(eventId) ? Optional.of(EVENT) : found;
            }

            public Optional<Event> findLatest(String eventId) {
                Optional<Event> found = real.findLatest(eventId);
                return EVENT_ID.equals(eventId) ? Optional.of(EVENT) : found;
            }
        });
    }

    /**
     * Operators' reads through {@code real}; the priming event is the stand-in. Every change is refused:
     * the admin function primes its reads and its refusals only.
     */
    public static ManagedEvents managedEvents(ManagedEvents real) {
        Objects.requireNonNull(real, "real");
        return PrimingStandIn.of(ManagedEvents.class, new Object() {
            public Optional<Event> find(String eventId) {
                Optional<Event> found = real.find(eventId);
                return EVENT_ID.equals(eventId) ? Optional.of(EVENT) : found;
            }
        });
    }

    /**
     * No raffle is ever due while priming: the scan for unfinished raffles goes to {@code real} (the
     * warm-up) and its answer is dropped. Everything else (the seed, recording a draw) is refused.
     */
    public static Raffles raffles(Raffles real) {
        Objects.requireNonNull(real, "real");
        return PrimingStandIn.of(Raffles.class, new Object() {
            public List<Event> unfinished(Instant closedBy) {
                real.unfinished(closedBy);
                return List.of();
            }
        });
    }

    /** Refuses everything: the priming event is never a drawn raffle, so priming publishes and reads no draw. */
    public static DrawResults drawResults() {
        return PrimingStandIn.of(DrawResults.class, new Object());
    }

    /** See the class comment: reads through {@code real}, stand-in answers for the priming request, no writes. */
    public static RequestStore requests(RequestStore real) {
        return PrimingStandIn.of(RequestStore.class, new PrimingRequests(real));
    }

    /** Accepts the priming request's message without sending it; refuses any other. */
    public static WorkQueue queue() {
        return PrimingStandIn.of(WorkQueue.class, new Object() {
            public void send(WorkMessage message) {
                requirePriming(message.requestId(), "send to the work queue");
            }
        });
    }

    /** Refuses everything: priming never dead-letters, not even in memory. */
    public static DeadLetters deadLetters() {
        return PrimingStandIn.of(DeadLetters.class, new Object());
    }

    /** The priming request finds the event sold out (nothing taken); any other request is refused. */
    public static StockAllocator stock() {
        return PrimingStandIn.of(StockAllocator.class, new Object() {
            public StockAllocator.Allocation allocate(ParticipationRequest claimed, Instant now) {
                requirePriming(claimed.requestId(), "take a unit of stock");
                return StockAllocator.Allocation.SOLD_OUT;
            }
        });
    }

    /** The priming event's line is empty; any other event's is refused (priming never serves one). */
    public static ArrivalIndex arrivals() {
        return PrimingStandIn.of(ArrivalIndex.class, new Object() {
            public List<ArrivalKey> next(String eventId, Optional<ArrivalKey> cursor, Instant upTo, int limit) {
                if (!EVENT_ID.equals(eventId)) {
                    throw new WriteRefused("serve the line of event " + eventId);
                }
                return List.of();
            }
        });
    }

    /**
     * The priming event is sold out and nobody allocates it: reading its stock is answered; taking
     * the lease, granting or releasing is refused, for any event.
     */
    public static StockLedger ledger() {
        return PrimingStandIn.of(StockLedger.class, new Object() {
            public Optional<StockLedger.State> read(String eventId, boolean consistent) {
                if (!EVENT_ID.equals(eventId)) {
                    throw new WriteRefused("read the stock of event " + eventId);
                }
                return Optional.of(new StockLedger.State(0, Optional.empty(), Optional.empty(), Instant.EPOCH));
            }
        });
    }

    /** An empty dead letter queue: nothing to receive, so deleting or releasing a message is refused. */
    public static DeadLetterSource deadLetterSource() {
        return PrimingStandIn.of(DeadLetterSource.class, new Object() {
            public List<DeadLetterSource.Message> receive(int max, Duration hideFor) {
                return List.of();
            }
        });
    }

    static void requirePriming(RequestId requestId, String what) {
        if (!isPrimingRequest(requestId)) {
            throw new WriteRefused(what + " for request " + requestId);
        }
    }

    /**
     * A priming run tried to change something real, or called a port method its stand-in does not
     * answer. Never retryable: it is a bug in the priming path.
     */
    public static final class WriteRefused extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        public WriteRefused(String what) {
            super("SnapStart priming must change nothing; refused to " + what);
        }
    }
}
