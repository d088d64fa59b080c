package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How fast an FCFS event was decided, from its RequestTable rows.
 *
 * @param decisions       the decided requests (SUCCEEDED or REJECTED with a completedAt): from
 *                        acceptedAt to completedAt, the wait a participant has for the answer
 * @param grantsPerSecond SUCCEEDED requests divided by the time from the first acceptedAt (of any
 *                        request) to the last SUCCEEDED completedAt; 0 without winners or time
 */
public record DecisionTimes(Latencies decisions, double grantsPerSecond) {

    public static DecisionTimes of(List<RequestTableReads.Row> rows) {
        long[] nanos = rows.stream()
                .filter(row -> row.status().isDecided() && row.acceptedAt() != null && row.completedAt() != null)
                .mapToLong(row -> Duration.between(row.acceptedAt(), row.completedAt()).toNanos())
                .toArray();
        Instant firstArrival = rows.stream().map(RequestTableReads.Row::acceptedAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        List<RequestTableReads.Row> winners = rows.stream().filter(row -> row.status() == RequestStatus.SUCCEEDED).toList();
        Instant lastGrant = winners.stream().map(RequestTableReads.Row::completedAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        double grants = 0;
        if (firstArrival != null && lastGrant != null && lastGrant.isAfter(firstArrival)) {
            grants = winners.size() / (Duration.between(firstArrival, lastGrant).toNanos() / 1e9);
        }
        return new DecisionTimes(new Latencies(nanos), grants);
    }

    public double p50Ms() {
        return decisions.percentileMs(50);
    }

    public double p95Ms() {
        return decisions.percentileMs(95);
    }

    public double p99Ms() {
        return decisions.percentileMs(99);
    }
}
