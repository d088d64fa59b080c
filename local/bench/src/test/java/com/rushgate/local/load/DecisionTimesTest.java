package com.rushgate.local.load;

import static com.rushgate.local.load.Rows.lost;
import static com.rushgate.local.load.Rows.row;
import static com.rushgate.local.load.Rows.won;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.RequestStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTimesTest {

    @Test
    void of_decisionLatency_runsFromAcceptedAtToCompletedAtOfDecidedRequests() {
        List<RequestTableReads.Row> rows = new ArrayList<>();
        // 100 decided requests waiting 1..100 ms each
        for (int i = 1; i <= 100; i++) {
            rows.add(i % 2 == 0 ? won("rq_" + i, 1000, 1000 + i) : lost("rq_" + i, 1000, 1000 + i));
        }
        // not decided: left out
        rows.add(row("rq_failed", RequestStatus.FAILED_FINAL, 0, 900_000L));
        rows.add(row("rq_queued", RequestStatus.QUEUED, 0, null));

        DecisionTimes times = DecisionTimes.of(rows);

        assertThat(times.decisions().count()).isEqualTo(100);
        assertThat(times.p50Ms()).isEqualTo(50.0);
        assertThat(times.p95Ms()).isEqualTo(95.0);
        assertThat(times.p99Ms()).isEqualTo(99.0);
    }

    @Test
    void of_grantsPerSecond_areWinnersOverFirstArrivalToLastGrant() {
        // first arrival at 0 (a rejected one), last grant completed at 2,000 ms: 4 winners in 2 s
        List<RequestTableReads.Row> rows = List.of(lost("rq_early", 0, 100), won("rq_a", 100, 500), won("rq_b", 200, 900),
                won("rq_c", 300, 1500), won("rq_d", 400, 2000), lost("rq_late", 500, 3000));

        DecisionTimes times = DecisionTimes.of(rows);

        assertThat(times.grantsPerSecond()).isEqualTo(2.0);
    }

    @Test
    void of_withoutWinners_hasNoGrantsAndNoLatency() {
        DecisionTimes rejectedOnly = DecisionTimes.of(List.of(lost("rq_a", 0, 10)));
        DecisionTimes empty = DecisionTimes.of(List.of());

        assertThat(rejectedOnly.grantsPerSecond()).isZero();
        assertThat(rejectedOnly.p99Ms()).isEqualTo(10.0);
        assertThat(empty.grantsPerSecond()).isZero();
        assertThat(empty.p50Ms()).isZero();
    }
}
