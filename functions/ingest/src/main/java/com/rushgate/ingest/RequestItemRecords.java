package com.rushgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.ParticipateUseCase.Recording;
import com.rushgate.core.domain.ParticipationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyItemAlreadyExistsException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyItemNotFoundException;
import software.amazon.lambda.powertools.idempotency.persistence.BasePersistenceStore;
import software.amazon.lambda.powertools.idempotency.persistence.DataRecord;
import software.amazon.lambda.powertools.utilities.JsonConfig;

/**
 * Powertools' persistence store on the request item itself, so a new participation writes two items
 * (RECEIVED, QUEUED) instead of four. Powertools' in-progress record is the conditional put of
 * RECEIVED with Ingest's hold; its completed record is the request once it is QUEUED or further on.
 *
 * <p>Powertools hands a store only a hash of the idempotency key, and puts its record before the
 * function body runs. The call's own request, built outside the aspect, therefore travels in an
 * {@link Attempt} of the calling thread ({@link #during}); the body then sends what the put recorded.
 */
final class RequestItemRecords extends BasePersistenceStore {

    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private final ParticipateUseCase useCase;
    private final Duration ttl;

    /** @param ttl how long a completed answer stays in the container's cache */
    RequestItemRecords(ParticipateUseCase useCase, Duration ttl) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** One idempotent call: the request it records, and what the put found once it ran. */
    static final class Attempt {

        private final ParticipationRequest fresh;
        private final String invocationId;
        private Recording recording;

        private Attempt(ParticipationRequest fresh, String invocationId) {
            this.fresh = fresh;
            this.invocationId = invocationId;
        }

        /** What the put found; null when Powertools answered from its cache without a put. */
        Recording recording() {
            return recording;
        }
    }

    /** Runs {@code call} (the idempotent method) with {@code fresh} as the request its put records. */
    static <T> T during(ParticipationRequest fresh, String invocationId, Supplier<T> call) {
        Attempt previous = CURRENT.get();
        CURRENT.set(new Attempt(Objects.requireNonNull(fresh, "fresh"), invocationId));
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The attempt of the running call; the function body reads what its put recorded. */
    static Attempt current() {
        Attempt attempt = CURRENT.get();
        if (attempt == null) {
            throw new IllegalStateException("no participation attempt on this thread: call through RequestItemRecords.during");
        }
        return attempt;
    }

    /**
     * The conditional put of RECEIVED, held until Powertools' in-progress expiry (the invocation's
     * remaining time). Refused, so that Powertools reads the record, unless this call must send.
     */
    @Override
    public void putRecord(DataRecord record, Instant now) {
        Attempt attempt = current();
        OptionalLong expiry = record.getInProgressExpiryTimestamp();
        Instant holdUntil = expiry.isPresent() ? Instant.ofEpochMilli(expiry.getAsLong())
                : now.plus(ParticipateUseCase.DEFAULT_SENDING_HOLD);
        attempt.recording = useCase.record(attempt.fresh, holdUntil);
        if (!attempt.recording.mustSend()) {
            throw new IdempotencyItemAlreadyExistsException();
        }
    }

    /**
     * The record the refused put found: in progress while another call holds the request, otherwise
     * completed, with the request's current status as the answer (no replay: it is fresh). Its
     * times are on the wall clock, as Powertools reads them.
     */
    @Override
    public DataRecord getRecord(String idempotencyKey) {
        Attempt attempt = CURRENT.get();
        if (attempt == null || attempt.recording == null) {
            throw new IdempotencyItemNotFoundException(idempotencyKey);
        }
        ParticipationRequest request = attempt.recording.request();
        Instant now = Instant.now();
        long expiry = now.plus(ttl).getEpochSecond();
        if (attempt.recording instanceof Recording.InProgress) {
            Instant heldUntil = request.leaseExpiresAt() != null && request.leaseExpiresAt().isAfter(now)
                    ? request.leaseExpiresAt() : now.plusSeconds(1);
            return new DataRecord(idempotencyKey, DataRecord.Status.INPROGRESS, expiry, null, null,
                    OptionalLong.of(heldUntil.toEpochMilli()));
        }
        IngestResult answer = new IngestResult(request.requestId().value(), request.status().name(), false,
                attempt.invocationId);
        try {
            return new DataRecord(idempotencyKey, DataRecord.Status.COMPLETED, expiry,
                    JsonConfig.get().getObjectMapper().writeValueAsString(answer), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of " + request.requestId(), e);
        }
    }

    /** Nothing to write: the function body wrote QUEUED after its send. */
    @Override
    public void updateRecord(DataRecord record) {
        // The completed record is the request itself.
    }

    /** Nothing to delete: a failed send has given its hold back already, and RECEIVED stays. */
    @Override
    public void deleteRecord(String idempotencyKey) {
        // The use case gave the hold back (ParticipateUseCase#send).
    }
}
