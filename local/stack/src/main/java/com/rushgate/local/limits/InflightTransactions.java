package com.rushgate.local.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which items in-flight calls are changing, by item key. DynamoDB Local runs transactions one
 * after another; DynamoDB does not, and refuses what would overlap:
 * a TransactWriteItems that touches an item another TransactWriteItems is changing is cancelled;
 * a PutItem, UpdateItem or DeleteItem of an item inside a running transaction fails with
 * TransactionConflictException; a TransactGetItems that touches an item any write is changing is
 * cancelled.
 */
final class InflightTransactions {

    private final Map<String, Integer> transactions = new HashMap<>();
    private final Map<String, Integer> writes = new HashMap<>();

    /**
     * Registers a write transaction on these items, unless one of them is in another write
     * transaction. Returns null when registered, else, per item, whether it conflicts.
     */
    synchronized List<Boolean> beginTransaction(List<String> keys) {
        List<Boolean> conflicts = conflicts(keys, false);
        if (conflicts != null) {
            return conflicts;
        }
        keys.forEach(key -> transactions.merge(key, 1, Integer::sum));
        return null;
    }

    synchronized void endTransaction(List<String> keys) {
        keys.forEach(key -> transactions.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1));
    }

    /** Per item, whether a transactional read would conflict with an in-flight write; null when none does. */
    synchronized List<Boolean> readConflicts(List<String> keys) {
        return conflicts(keys, true);
    }

    /** Registers a single-item write, unless the item is inside a running transaction (then false). */
    synchronized boolean beginWrite(String key) {
        if (transactions.containsKey(key)) {
            return false;
        }
        writes.merge(key, 1, Integer::sum);
        return true;
    }

    synchronized void endWrite(String key) {
        writes.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    private List<Boolean> conflicts(List<String> keys, boolean withWrites) {
        List<Boolean> flags = new ArrayList<>(keys.size());
        boolean any = false;
        for (String key : keys) {
            boolean conflict = transactions.containsKey(key) || (withWrites && writes.containsKey(key));
            flags.add(conflict);
            any |= conflict;
        }
        return any ? flags : null;
    }
}
