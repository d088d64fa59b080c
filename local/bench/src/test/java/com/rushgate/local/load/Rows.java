package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;

/** Hand-made RequestTable rows: times in ms after a fixed instant. */
final class Rows {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00.000Z");

    private Rows() {
    }

    static RequestTableReads.Row row(String requestId, RequestStatus status, long acceptedMs, Long completedMs) {
        return new RequestTableReads.Row(requestId, status, T0.plusMillis(acceptedMs),
                completedMs == null ? null : T0.plusMillis(completedMs));
    }

    static RequestTableReads.Row won(String requestId, long acceptedMs, long completedMs) {
        return row(requestId, RequestStatus.SUCCEEDED, acceptedMs, completedMs);
    }

    static RequestTableReads.Row lost(String requestId, long acceptedMs, long completedMs) {
        return row(requestId, RequestStatus.REJECTED, acceptedMs, completedMs);
    }
}
