package com.rushgate.core.app;

/**
 * What one reconcile run did.
 *
 * @param examined stuck requests found in the in-flight index
 * @param requeued sent to the queue again
 * @param gaveUp   marked FAILED_FINAL with a message in the DLQ
 * @param failed   actions that failed (retried on the next run)
 */
public record ReconcileReport(int examined, int requeued, int gaveUp, int failed) {
}
