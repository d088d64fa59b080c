package com.rushgate.core.app;

import static com.rushgate.core.app.PrimingPorts.requirePriming;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.app.port.RequestStore.InflightRequest;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The answers of the request store's stand-in; any other method of {@link RequestStore} is refused. */
final class PrimingRequests {

    private final RequestStore real;

    PrimingRequests(RequestStore real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    /** The priming request is "already there and decided": Ingest answers it as a duplicate. */
    public Optional<ParticipationRequest> insertIfAbsent(ParticipationRequest request) {
        requirePriming(request.requestId(), "insert");
        return find(request.requestId());
    }

    public Optional<ParticipationRequest> find(RequestId requestId) {
        Optional<ParticipationRequest> found = real.find(requestId);
        return found.isEmpty() && PrimingPorts.isPrimingRequest(requestId)
                ? Optional.of(PrimingPorts.request(RequestStatus.REJECTED)) : found;
    }

    public Optional<ParticipationRequest> hold(RequestId requestId, Instant now, Instant until) {
        requirePriming(requestId, "hold");
        return Optional.empty();
    }

    public boolean unhold(ParticipationRequest held, Instant now) {
        requirePriming(held.requestId(), "unhold");
        return true;
    }

    public boolean markQueued(RequestId requestId, Instant now) {
        requirePriming(requestId, "mark queued");
        return true;
    }

    public ClaimResult claim(RequestId requestId, Instant now, Instant leaseUntil) {
        requirePriming(requestId, "claim");
        return new ClaimResult.Claimed(PrimingPorts.request(RequestStatus.PROCESSING));
    }

    public boolean release(ParticipationRequest claimed, Instant now) {
        requirePriming(claimed.requestId(), "release");
        return true;
    }

    public boolean succeed(ParticipationRequest claimed, Instant now) {
        requirePriming(claimed.requestId(), "succeed");
        return true;
    }

    /** The priming request is decided already (REJECTED): the chunk that names it finds nothing to do. */
    public boolean decideEntry(EntryDecision decision, Instant drawnAt, Instant now) {
        requirePriming(decision.requestId(), "decide the entry");
        return false;
    }

    public boolean reject(ParticipationRequest claimed, RejectReason reason, Instant now) {
        requirePriming(claimed.requestId(), "reject");
        return true;
    }

    public boolean fail(ParticipationRequest claimed, FailureReason reason, Instant now) {
        requirePriming(claimed.requestId(), "fail");
        return true;
    }

    public boolean giveUp(RequestId requestId, FailureReason reason, Instant now) {
        requirePriming(requestId, "give up");
        return true;
    }

    public boolean redrive(RequestId requestId, String reason, Instant now) {
        requirePriming(requestId, "redrive");
        return true;
    }

    public boolean requeue(InflightRequest seen, Instant now) {
        requirePriming(seen.requestId(), "requeue");
        return true;
    }
}
