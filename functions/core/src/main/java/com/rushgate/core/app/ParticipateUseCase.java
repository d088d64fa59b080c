package com.rushgate.core.app;

import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.WorkQueue;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestIdDerivation;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.UserKeyDerivation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest: records the request, queues it, answers at once. Does no business processing.
 *
 * <p>A new participation costs two writes and a send: the conditional put of RECEIVED, which also
 * holds the request for this call while it sends (leaseExpiresAt), then QUEUED, written after the
 * send and only from RECEIVED, so a message never names a request that does not exist and a fast
 * worker is never moved back. A duplicate that arrives while the first call still sends finds the
 * hold and is told "in progress"; one that finds RECEIVED with the hold run out sends the message
 * itself (the first call failed between the put and the send).
 *
 * <p>{@link #participate} is the whole of it. Ingest runs the same steps apart ({@link #admit},
 * {@link #record}, {@link #send}) because Powertools idempotency puts its in-progress record
 * before the function body runs: the put of RECEIVED is that record (functions/ingest).
 */
public final class ParticipateUseCase {

    /** How long a call holds a request it recorded when the caller gives no bound of its own. */
    public static final Duration DEFAULT_SENDING_HOLD = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ParticipateUseCase.class);

    private final EventCatalog events;
    private final RequestStore requests;
    private final WorkQueue queue;
    private final RequestIdDerivation requestIds;
    private final UserKeyDerivation userKeys;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public ParticipateUseCase(EventCatalog events, RequestStore requests, WorkQueue queue,
                              RequestIdDerivation requestIds, UserKeyDerivation userKeys, Clock clock,
                              BusinessMetrics metrics) {
        this.events = Objects.requireNonNull(events, "events");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.userKeys = Objects.requireNonNull(userKeys, "userKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** What Ingest knows before it writes anything. */
    public sealed interface Admission {

        /** The event is open: {@code request} is what to record, accepted now. */
        record Fresh(ParticipationRequest request) implements Admission {
        }

        /** The event has closed, and the caller took part before: the answer is its request as it is. */
        record Known(Participation answer) implements Admission {
        }
    }

    /** What the conditional put of RECEIVED found. */
    public sealed interface Recording {

        /** The request, as this call wrote or found it. */
        ParticipationRequest request();

        /** Whether this call holds the request and sends its message. */
        default boolean mustSend() {
            return false;
        }

        /** This call created it and holds it. */
        record Created(ParticipationRequest request) implements Recording {
            @Override
            public boolean mustSend() {
                return true;
            }
        }

        /** It was RECEIVED and nobody held it any more: an earlier call failed before it sent. */
        record Resumed(ParticipationRequest request) implements Recording {
            @Override
            public boolean mustSend() {
                return true;
            }
        }

        /** Another call holds it and is sending its message now. */
        record InProgress(ParticipationRequest request) implements Recording {
        }

        /** Queued or further on: a duplicate. */
        record Existing(ParticipationRequest request) implements Recording {
        }
    }

    /**
     * @throws ClientException    unknown event (404), in progress (409), not open yet or closed (409)
     * @throws RetryableException the store or the queue failed; when the request was recorded but
     *                            not sent it stays RECEIVED, and a retry of the same call sends it
     */
    public Participation participate(ParticipateCommand command) {
        Admission admission = admit(command);
        if (admission instanceof Admission.Known known) {
            return known.answer();
        }
        Recording recording = record(((Admission.Fresh) admission).request(), clock.instant().plus(DEFAULT_SENDING_HOLD));
        if (recording instanceof Recording.InProgress inProgress) {
            throw inProgress(inProgress.request());
        }
        return send(recording);
    }

    /**
     * Checks the event and builds the request to record. A closed event still answers a caller
     * who took part while it was open (one strongly consistent read).
     *
     * @throws ClientException unknown event (404), not open yet or closed (409)
     */
    public Admission admit(ParticipateCommand command) {
        Event event = events.find(command.eventId())
                .orElseThrow(() -> new ClientException(ErrorCode.EVENT_NOT_FOUND,
                        "no event '" + command.eventId() + "'"));
        // acceptedAt is taken after the event lookup, just before the put: the time from here to the
        // put's completion is bounded by the put's timeout, which the FCFS settle window covers.
        Instant now = clock.instant();
        RequestId requestId = requestIds.derive(command.eventId(), command.userId());
        switch (event.availabilityAt(now)) {
            case NOT_OPEN -> throw new ClientException(ErrorCode.EVENT_NOT_OPEN,
                    "event '" + event.eventId() + "' opens at " + event.opensAt());
            case CLOSED -> {
                Optional<ParticipationRequest> earlier = requests.find(requestId);
                if (earlier.isEmpty()) {
                    throw new ClientException(ErrorCode.EVENT_CLOSED,
                            "event '" + event.eventId() + "' closed at " + event.closesAt());
                }
                metrics.duplicate();
                return new Admission.Known(new Participation(requestId, earlier.get().status(), false));
            }
            case OPEN -> {
                // accepted below
            }
        }
        return new Admission.Fresh(ParticipationRequest.received(requestId, event, command.userId(),
                userKeys.derive(command.userId()), now, command.clientRef()));
    }

    /**
     * The conditional put of {@code fresh}, held by this call until {@code holdUntil}; when the
     * request exists, what it is. One write for a new request, none for a duplicate, one more to
     * take over a RECEIVED request whose hold ran out.
     *
     * @throws RetryableException the put failed; it may have been written, with its hold
     */
    public Recording record(ParticipationRequest fresh, Instant holdUntil) {
        ParticipationRequest held = fresh.heldUntil(holdUntil);
        Optional<ParticipationRequest> existing = requests.insertIfAbsent(held);
        if (existing.isEmpty()) {
            return new Recording.Created(held);
        }
        metrics.duplicate();
        ParticipationRequest current = existing.get();
        if (current.status() != RequestStatus.RECEIVED) {
            return new Recording.Existing(current);
        }
        Instant now = clock.instant();
        if (current.sendingAt(now)) {
            return new Recording.InProgress(current);
        }
        Optional<ParticipationRequest> taken = requests.hold(current.requestId(), now, holdUntil);
        if (taken.isPresent()) {
            return new Recording.Resumed(taken.get());
        }
        // Between the put and the hold, another call took it over or a worker moved it on.
        ParticipationRequest latest = requests.find(current.requestId()).orElse(current);
        return latest.status() == RequestStatus.RECEIVED ? new Recording.InProgress(latest) : new Recording.Existing(latest);
    }

    /**
     * Sends the message of a request this call holds and marks it QUEUED; for any other recording,
     * the duplicate's answer.
     *
     * @throws ClientException    another call holds the request (409 IN_PROGRESS)
     * @throws RetryableException the send failed: the hold is given back and the request stays
     *                            RECEIVED, so a retry sends it at once
     */
    public Participation send(Recording recording) {
        ParticipationRequest request = recording.request();
        if (recording instanceof Recording.InProgress) {
            throw inProgress(request);
        }
        if (!recording.mustSend()) {
            return new Participation(request.requestId(), request.status(), false);
        }
        try {
            queue.send(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
        } catch (RetryableException e) {
            giveBack(request);
            throw e;
        }
        try {
            // False means a worker already moved it on: nothing to do.
            requests.markQueued(request.requestId(), clock.instant());
        } catch (RetryableException e) {
            // Recorded and sent: the request is accepted. The worker takes it from RECEIVED as well,
            // and a 503 now would only make the client send a duplicate.
            LOG.warn("request {} was sent but not marked QUEUED: {}", request.requestId(), e.getMessage());
        }
        boolean created = recording instanceof Recording.Created;
        if (created) {
            metrics.accepted();
        }
        return new Participation(request.requestId(), RequestStatus.QUEUED, created);
    }

    private void giveBack(ParticipationRequest held) {
        try {
            requests.unhold(held, clock.instant());
        } catch (RetryableException e) {
            // The hold runs out by itself; until then a retry is told "in progress".
            LOG.warn("request {} keeps its hold after a failed send: {}", held.requestId(), e.getMessage());
        }
    }

    private static ClientException inProgress(ParticipationRequest request) {
        return ClientException.about(request.requestId(), ErrorCode.IN_PROGRESS,
                "the same participation is being processed right now; retry in a second");
    }
}
