package com.rushgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyItemAlreadyExistsException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyItemNotFoundException;
import software.amazon.lambda.powertools.idempotency.persistence.BasePersistenceStore;
import software.amazon.lambda.powertools.idempotency.persistence.DataRecord;

/**
 * Where Powertools keeps Ingest's idempotency records (its configuration is global): the
 * IdempotencyTable, or, while Ingest primes itself for a SnapStart snapshot, memory. With
 * {@link IdempotentParticipations}, the only code that knows Powertools idempotency (v1).
 */
final class IdempotencyRecords {

    /** Answers replayed from the container's memory, before the IdempotencyTable is asked. */
    private static final int LOCAL_CACHE_ITEMS = 1000;
    /** A key no participation hashes to: Powertools keys are "function.method#" and an MD5. */
    private static final String PRIMING_KEY = "snapstart-priming";

    private final Supplier<BasePersistenceStore> table;
    private final IdempotencyConfig config;

    /** @param table makes a new store on the IdempotencyTable each time it is asked (an empty local cache) */
    IdempotencyRecords(Supplier<BasePersistenceStore> table, Duration ttl) {
        this.table = Objects.requireNonNull(table, "table");
        this.config = IdempotencyConfig.builder()
                .withExpiration(ttl)
                .withUseLocalCache(true)
                .withLocalCacheMaxItems(LOCAL_CACHE_ITEMS)
                .build();
    }

    /** Points Powertools at the table, with a fresh store: its local cache starts empty. */
    void useTable() {
        Idempotency.config().withPersistenceStore(table.get()).withConfig(config).configure();
    }

    /**
     * Runs {@code work} with the records in memory, then points Powertools back at the table. Priming
     * takes the whole idempotent path this way (in progress, completed, replayed) without the writes
     * Powertools makes before the use case runs.
     */
    void inMemory(Runnable work) {
        Idempotency.config().withPersistenceStore(new MemoryStore()).withConfig(config).configure();
        try {
            work.run();
        } finally {
            useTable();
        }
    }

    /** A consistent GetItem on the table for a key no record has: read-only. */
    void readTable() {
        try {
            table.get().getRecord(PRIMING_KEY);
        } catch (IdempotencyItemNotFoundException expected) {
            // the usual answer
        }
    }

    /** Powertools records in a map, with the table's rule: a live record is not replaced. */
    private static final class MemoryStore extends BasePersistenceStore {

        private final Map<String, DataRecord> records = new HashMap<>();

        @Override
        public synchronized DataRecord getRecord(String idempotencyKey) {
            DataRecord record = records.get(idempotencyKey);
            if (record == null) {
                throw new IdempotencyItemNotFoundException(idempotencyKey);
            }
            return record;
        }

        @Override
        public synchronized void putRecord(DataRecord record, Instant now) {
            DataRecord existing = records.get(record.getIdempotencyKey());
            if (existing != null && !existing.isExpired(now)) {
                throw new IdempotencyItemAlreadyExistsException();
            }
            records.put(record.getIdempotencyKey(), record);
        }

        @Override
        public synchronized void updateRecord(DataRecord record) {
            records.put(record.getIdempotencyKey(), record);
        }

        @Override
        public synchronized void deleteRecord(String idempotencyKey) {
            records.remove(idempotencyKey);
        }
    }
}
