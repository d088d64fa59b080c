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
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest: records the request, queues it, answers at once. Does no business processing.
 *
 * <p>Order matters: RECEIVED is written before the message is sent, so a message never names a
 * request that does not exist; QUEUED is written after, and only from RECEIVED, so a fast worker
 * is never moved back.
 */
public final class ParticipateUseCase {

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

    /**
     * @throws ClientException    unknown event (404), not open yet or closed (409)
     * @throws RetryableException the store or the queue failed; when the request was recorded but
     *                            not sent it stays RECEIVED, and a retry of the same call sends it
     */
    public Participation participate(ParticipateCommand command) {
        Event event = events.find(command.eventId())
                .orElseThrow(() -> new ClientException(ErrorCode.EVENT_NOT_FOUND,
                        "no event '" + command.eventId() + "'"));
        // acceptedAt is taken after the event lookup, just before the put: the time from here to the
        // put's completion is bounded by the put's timeout, which the FCFS settle window covers.
        Instant now = clock.instant();
        switch (event.availabilityAt(now)) {
            case NOT_OPEN -> throw new ClientException(ErrorCode.EVENT_NOT_OPEN,
                    "event '" + event.eventId() + "' opens at " + event.opensAt());
            case CLOSED -> throw new ClientException(ErrorCode.EVENT_CLOSED,
                    "event '" + event.eventId() + "' closed at " + event.closesAt());
            case OPEN -> {
                // accepted below
            }
        }
        RequestId requestId = requestIds.derive(command.eventId(), command.userId());
        ParticipationRequest fresh = ParticipationRequest.received(requestId, event, command.userId(),
                userKeys.derive(command.userId()), now, command.clientRef());
        Optional<ParticipationRequest> existing = requests.insertIfAbsent(fresh);
        if (existing.isEmpty()) {
            enqueue(fresh);
            metrics.accepted();
            return new Participation(requestId, RequestStatus.QUEUED, true);
        }
        metrics.duplicate();
        ParticipationRequest current = existing.get();
        if (current.status() == RequestStatus.RECEIVED) {
            // An earlier submission was recorded but its message may never have left: send it now.
            enqueue(current);
            return new Participation(requestId, RequestStatus.QUEUED, false);
        }
        return new Participation(requestId, current.status(), false);
    }

    private void enqueue(ParticipationRequest request) {
        queue.send(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt()));
        try {
            // False means a worker already moved it on: nothing to do.
            requests.markQueued(request.requestId(), clock.instant());
        } catch (RetryableException e) {
            // Recorded and sent: the request is accepted. The worker takes it from RECEIVED as well,
            // and a 503 now would only make the client send a duplicate.
            LOG.warn("request {} was sent but not marked QUEUED: {}", request.requestId(), e.getMessage());
        }
    }
}
