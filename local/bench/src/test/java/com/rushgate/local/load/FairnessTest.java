package com.rushgate.local.load;

import static com.rushgate.local.load.Rows.lost;
import static com.rushgate.local.load.Rows.row;
import static com.rushgate.local.load.Rows.won;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.RequestStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void of_firstArrivalsWon_isFair() {
        List<RequestTableReads.Row> rows = List.of(lost("rq_d", 40, 90), won("rq_b", 20, 60), won("rq_a", 10, 50),
                lost("rq_c", 30, 70));

        Fairness fairness = Fairness.of(rows, 2);

        assertThat(fairness.fairness()).isEqualTo(1.0);
        assertThat(fairness.worstWinnerRank()).isEqualTo(2);
        assertThat(fairness.winners()).isEqualTo(2);
        assertThat(fairness.requests()).isEqualTo(4);
        assertThat(fairness.fair()).isTrue();
    }

    @Test
    void of_aLaterArrivalWon_countsTheShareAndTheWorstRank() {
        // arrival order: a(10) b(20) c(30) d(40) e(50); capacity 2; winners a and e
        List<RequestTableReads.Row> rows = List.of(won("rq_e", 50, 51), won("rq_a", 10, 60), lost("rq_b", 20, 52),
                lost("rq_c", 30, 53), lost("rq_d", 40, 54));

        Fairness fairness = Fairness.of(rows, 2);

        assertThat(fairness.fairness()).isEqualTo(0.5);
        assertThat(fairness.worstWinnerRank()).isEqualTo(5);
        assertThat(fairness.fair()).isFalse();
    }

    @Test
    void of_sameAcceptedAt_ordersByRequestId() {
        // both at 10 ms: rq_a arrives before rq_b, so rq_b winning capacity 1 is unfair
        List<RequestTableReads.Row> rows = List.of(won("rq_b", 10, 20), lost("rq_a", 10, 20));

        Fairness fairness = Fairness.of(rows, 1);

        assertThat(fairness.fairness()).isZero();
        assertThat(fairness.worstWinnerRank()).isEqualTo(2);
    }

    @Test
    void of_requestIdOrder_isStringOrder() {
        // "rq_10" < "rq_9" as strings
        List<RequestTableReads.Row> rows = List.of(won("rq_10", 10, 20), lost("rq_9", 10, 20));

        assertThat(Fairness.of(rows, 1).fairness()).isEqualTo(1.0);
    }

    @Test
    void of_unfinishedAndFailedRequestsStillHoldTheirPlaceInLine() {
        // a FAILED_FINAL first arrival and a still QUEUED second one are among the first 2 arrivals
        List<RequestTableReads.Row> rows = List.of(row("rq_a", RequestStatus.FAILED_FINAL, 10, 30L),
                row("rq_b", RequestStatus.QUEUED, 20, null), won("rq_c", 30, 40), won("rq_d", 40, 50));

        Fairness fairness = Fairness.of(rows, 2);

        assertThat(fairness.fairness()).isZero();
        assertThat(fairness.worstWinnerRank()).isEqualTo(4);
    }

    @Test
    void of_withoutWinners_isFairWithRankZero() {
        Fairness none = Fairness.of(List.of(lost("rq_a", 10, 20)), 0);
        Fairness empty = Fairness.of(List.of(), 5);

        assertThat(none.fairness()).isEqualTo(1.0);
        assertThat(none.worstWinnerRank()).isZero();
        assertThat(empty.fairness()).isEqualTo(1.0);
        assertThat(empty.worstWinnerRank()).isZero();
    }

    @Test
    void of_requestWithoutAcceptedAt_arrivesLast() {
        List<RequestTableReads.Row> rows = List.of(new RequestTableReads.Row("rq_a", RequestStatus.SUCCEEDED, null, null),
                lost("rq_b", 10, 20));

        Fairness fairness = Fairness.of(rows, 1);

        assertThat(fairness.worstWinnerRank()).isEqualTo(2);
        assertThat(fairness.fairness()).isZero();
    }
}
