package com.rushgate.core.domain;

/**
 * The business rules for a claimed request. Eligibility is judged at {@code acceptedAt}: a request
 * accepted while the event was open is never rejected because the queue was long.
 */
public final class DecisionRules {

    public Decision decide(Event event, ParticipationRequest request) {
        if (!event.eventId().equals(request.eventId())) {
            throw new IllegalArgumentException("request " + request.requestId() + " is not for event " + event.eventId());
        }
        return switch (event.availabilityAt(request.acceptedAt())) {
            case NOT_OPEN -> new Decision.Reject(RejectReason.EVENT_NOT_OPEN);
            case CLOSED -> new Decision.Reject(RejectReason.EVENT_CLOSED);
            case OPEN -> switch (event.type()) {
                case FCFS -> new Decision.AllocateStock();
                case RAFFLE -> event.drawn()
                        ? new Decision.Reject(RejectReason.EXCLUDED_FROM_DRAW)
                        : new Decision.EnterRaffle();
            };
        };
    }
}
