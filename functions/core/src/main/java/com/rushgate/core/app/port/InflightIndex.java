package com.rushgate.core.app.port;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.RequestStore.InflightRequest;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sparse index of requests that are not final, for the reconciler. Reads are eventually
 * consistent (a GSI); every action taken on what it returns is a guarded transition.
 *
 * @throws RetryableException when the table throttles or times out
 */
public interface InflightIndex {

    /** Requests in {@code status} whose last change is before {@code changedBefore}, oldest first per shard, at most {@code limit}. */
    List<InflightRequest> changedBefore(RequestStatus status, Instant changedBefore, int limit);

    /**
     * When the request that has been in {@code status} longest moved there (its last change); empty
     * when no request is in it. For QUEUED, how long the oldest queued request has waited.
     */
    Optional<Instant> oldest(RequestStatus status);
}
