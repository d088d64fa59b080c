package com.rushgate.ingest;

import com.rushgate.core.app.ParticipateUseCase;
import java.time.Duration;
import java.util.Objects;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;

/**
 * Where Powertools keeps Ingest's idempotency records (its configuration is global): on the
 * request items ({@link RequestItemRecords}), through the real use case, or, while Ingest primes
 * itself for a SnapStart snapshot, through the priming stand-ins. With
 * {@link IdempotentParticipations}, the only code that knows Powertools idempotency (v1).
 */
final class IdempotencyRecords {

    /** Answers replayed from the container's memory before the RequestTable is asked. */
    private static final int LOCAL_CACHE_ITEMS = 1000;

    private final ParticipateUseCase useCase;
    private final Duration ttl;
    private final IdempotencyConfig config;

    /** @param ttl how long a container replays an answer from its memory (IDEMPOTENCY_TTL_SECONDS) */
    IdempotencyRecords(ParticipateUseCase useCase, Duration ttl) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.config = IdempotencyConfig.builder()
                .withExpiration(ttl)
                .withUseLocalCache(true)
                .withLocalCacheMaxItems(LOCAL_CACHE_ITEMS)
                .build();
    }

    /** Points Powertools at the request items, with a new store: its local cache starts empty. */
    void useRequestTable() {
        use(useCase);
    }

    /**
     * Runs {@code work} with Powertools' records kept through {@code standIns} (the priming use
     * case), then points it back at the request items with an empty cache.
     */
    void withStandIns(ParticipateUseCase standIns, Runnable work) {
        use(standIns);
        try {
            work.run();
        } finally {
            useRequestTable();
        }
    }

    private void use(ParticipateUseCase through) {
        Idempotency.config().withPersistenceStore(new RequestItemRecords(through, ttl)).withConfig(config)
                .configure();
    }
}
