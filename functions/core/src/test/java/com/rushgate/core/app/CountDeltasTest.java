package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.StatusChange.Kind;
import com.rushgate.core.domain.LatencyHistogram;
import com.rushgate.core.domain.RequestStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountDeltasTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private long sequence = 100;

    private static String counter(RequestStatus status, String reason) {
        return switch (status) {
            case SUCCEEDED -> "won";
            case REJECTED -> "r_" + reason;
            default -> "s_" + status;
        };
    }

    private CountDeltas fold(List<StatusChange> changes) {
        return CountDeltas.fold(changes, CountDeltasTest::counter, "accepted");
    }

    private StatusChange insert(String eventId) {
        return new StatusChange(BigInteger.valueOf(sequence++), eventId, Kind.INSERT, null, null, RequestStatus.RECEIVED,
                null, null, null, T0.plusMillis(sequence));
    }

    private StatusChange move(String eventId, RequestStatus from, RequestStatus to, String reason, Long latency,
                              Instant decidedAt) {
        return new StatusChange(BigInteger.valueOf(sequence++), eventId, Kind.MODIFY, from, null, to, reason, latency,
                decidedAt, T0.plusMillis(sequence));
    }

    @Test
    void fold_ofAWorkerShapedLife_leavesEachRequestInItsLastState() {
        List<StatusChange> changes = List.of(
                insert("e"), insert("e"), insert("e"),
                move("e", RequestStatus.RECEIVED, RequestStatus.QUEUED, null, null, null),
                move("e", RequestStatus.RECEIVED, RequestStatus.QUEUED, null, null, null),
                move("e", RequestStatus.RECEIVED, RequestStatus.PROCESSING, null, null, null),
                move("e", RequestStatus.QUEUED, RequestStatus.PROCESSING, null, null, null),
                move("e", RequestStatus.PROCESSING, RequestStatus.SUCCEEDED, null, 120L, T0),
                move("e", RequestStatus.PROCESSING, RequestStatus.REJECTED, "SOLD_OUT", 300L, T0.plusSeconds(61)));

        CountDeltas deltas = fold(changes);

        assertThat(deltas.counters()).containsExactlyInAnyOrderEntriesOf(Map.of("accepted", 3L, "s_QUEUED", 1L,
                "won", 1L, "r_SOLD_OUT", 1L));
        assertThat(deltas.latency()).containsOnlyKeys(CountDeltas.minute(T0), CountDeltas.minute(T0) + 1);
        assertThat(deltas.latency().get(CountDeltas.minute(T0))).containsEntry(LatencyHistogram.bucket(120), 1L);
        assertThat(deltas.firstSequence()).isEqualTo(BigInteger.valueOf(100));
        assertThat(deltas.lastSequence()).isEqualTo(BigInteger.valueOf(108));
        assertThat(deltas.newest()).isEqualTo(changes.get(8).recordedAt());
    }

    @Test
    void fold_ofARemovalOrAChangeWithinAState_countsNothing() {
        StatusChange renew = move("e", RequestStatus.PROCESSING, RequestStatus.PROCESSING, null, null, null);
        StatusChange expired = new StatusChange(BigInteger.valueOf(sequence++), "e", Kind.REMOVE, RequestStatus.SUCCEEDED,
                null, null, null, null, null, T0);

        assertThat(fold(List.of(renew, expired)).counters()).isEmpty();
    }

    @Test
    void fold_ofAFailureThenARedrive_movesTheRequestBackInFlight() {
        CountDeltas deltas = fold(List.of(
                move("e", RequestStatus.PROCESSING, RequestStatus.FAILED_FINAL, null, 50L, T0),
                move("e", RequestStatus.FAILED_FINAL, RequestStatus.QUEUED, null, null, null)));

        assertThat(deltas.counters()).containsExactlyInAnyOrderEntriesOf(Map.of("s_PROCESSING", -1L, "s_QUEUED", 1L));
        assertThat(deltas.latency()).as("a failure is not a decision").isEmpty();
    }

    @Test
    void runs_ofDecisionsOverTooManyMinutes_areCutWithoutReorderingAnything() {
        List<StatusChange> changes = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            changes.add(move("e", RequestStatus.PROCESSING, RequestStatus.SUCCEEDED, null, 10L, T0.plusSeconds(60L * minute)));
            changes.add(move("e", RequestStatus.RECEIVED, RequestStatus.QUEUED, null, null, null));
        }

        List<List<StatusChange>> runs = CountDeltas.runs(changes, 2);

        assertThat(runs).hasSize(3);
        assertThat(runs.stream().flatMap(List::stream).toList()).isEqualTo(changes);
        assertThat(runs).allSatisfy(run -> assertThat(fold(run).latency()).hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void byEvent_keepsEachEventsOrder() {
        StatusChange a1 = insert("a");
        StatusChange b1 = insert("b");
        StatusChange a2 = insert("a");

        assertThat(CountDeltas.byEvent(List.of(a1, b1, a2))).containsExactly(Map.entry("a", List.of(a1, a2)),
                Map.entry("b", List.of(b1)));
    }
}
