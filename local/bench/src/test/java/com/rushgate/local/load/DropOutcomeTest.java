package com.rushgate.local.load;

import static com.rushgate.local.load.Rows.lost;
import static com.rushgate.local.load.Rows.row;
import static com.rushgate.local.load.Rows.won;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.RequestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropOutcomeTest {

    @Test
    void of_everyAcceptedRequestDecided_losesNothing_andCountsEveryRequestOfTheEvent() {
        // rq_x was recorded before a refused answer (never accepted): it counts in the statuses only
        List<RequestTableReads.Row> rows = List.of(won("rq_a", 10, 50), won("rq_b", 20, 60), lost("rq_c", 30, 70),
                row("rq_x", RequestStatus.RECEIVED, 40, null));

        DropOutcome outcome = DropOutcome.of(rows, List.of("rq_a", "rq_b", "rq_c"), 2, 0);

        assertThat(outcome.accepted()).isEqualTo(3);
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.undecided()).isZero();
        assertThat(outcome.oversold()).isZero();
        assertThat(outcome.remaining()).isZero();
        assertThat(outcome.statuses()).containsExactly(Map.entry(RequestStatus.RECEIVED, 1),
                Map.entry(RequestStatus.SUCCEEDED, 2), Map.entry(RequestStatus.REJECTED, 1));
        assertThat(outcome.fairness().fairness()).isEqualTo(1.0);
        assertThat(outcome.fairness().worstWinnerRank()).isEqualTo(2);
        assertThat(outcome.decisions().p50Ms()).isEqualTo(40.0);
        assertThat(outcome.reached(DropOutcome.Until.FINAL)).isTrue();
        assertThat(outcome.reached(DropOutcome.Until.DECIDED)).isTrue();
    }

    @Test
    void of_acceptedButNotFinalOrMissing_isLost_andFailedFinalIsFinalButUndecided() {
        List<RequestTableReads.Row> rows = List.of(won("rq_a", 10, 50), row("rq_b", RequestStatus.QUEUED, 20, null),
                row("rq_c", RequestStatus.FAILED_FINAL, 30, 90L));

        DropOutcome outcome = DropOutcome.of(rows, List.of("rq_a", "rq_b", "rq_c", "rq_missing"), 5, 4);

        assertThat(outcome.lost()).as("rq_b and rq_missing").isEqualTo(2);
        assertThat(outcome.undecided()).as("rq_b, rq_missing and rq_c").isEqualTo(3);
        assertThat(outcome.finalCount()).isEqualTo(2);
        assertThat(outcome.decidedCount()).isEqualTo(1);
        assertThat(outcome.reached(DropOutcome.Until.FINAL)).isFalse();
    }

    @Test
    void of_moreWinnersThanStockTaken_isOversold() {
        // capacity 2, remaining 1: one unit taken, two winners
        List<RequestTableReads.Row> rows = List.of(won("rq_a", 10, 50), won("rq_b", 20, 60));

        DropOutcome outcome = DropOutcome.of(rows, List.of("rq_a", "rq_b"), 2, 1);

        assertThat(outcome.oversold()).isEqualTo(1);
        assertThat(outcome.count(RequestStatus.SUCCEEDED)).isEqualTo(2);
        assertThat(outcome.count(RequestStatus.REJECTED)).isZero();
    }

    @Test
    void of_aRepeatedAcceptedRequestId_countsOnce() {
        DropOutcome outcome = DropOutcome.of(List.of(won("rq_a", 10, 50)), List.of("rq_a", "rq_a"), 1, 0);

        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.lost()).isZero();
    }

    @Test
    void await_readsUntilEveryAcceptedRequestIsFinal_tellingTheWatcherEachTime() throws Exception {
        ScriptedSource source = new ScriptedSource(
                List.of(row("rq_a", RequestStatus.QUEUED, 10, null), row("rq_b", RequestStatus.PROCESSING, 20, null)),
                List.of(won("rq_a", 10, 50), row("rq_b", RequestStatus.PROCESSING, 20, null)),
                List.of(won("rq_a", 10, 50), lost("rq_b", 20, 60)));
        List<Integer> seen = new ArrayList<>();
        int[] pauses = {0};

        DropOutcome outcome = DropOutcome.await(source, List.of("rq_a", "rq_b"), 1, DropOutcome.Until.FINAL,
                Duration.ofHours(1), reading -> seen.add(reading.finalCount()), () -> pauses[0]++);

        assertThat(outcome.lost()).isZero();
        assertThat(outcome.remaining()).isZero();
        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(pauses[0]).isEqualTo(2);
        assertThat(source.reads).isEqualTo(3);
    }

    @Test
    void await_untilDecided_waitsPastFailedFinal() throws Exception {
        ScriptedSource source = new ScriptedSource(
                List.of(row("rq_a", RequestStatus.FAILED_FINAL, 10, 20L)),
                List.of(won("rq_a", 10, 90)));

        DropOutcome outcome = DropOutcome.await(source, List.of("rq_a"), 1, DropOutcome.Until.DECIDED,
                Duration.ofHours(1), DropOutcome.Watcher.NONE, () -> { });

        assertThat(outcome.count(RequestStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(source.reads).isEqualTo(2);
    }

    @Test
    void await_timeUp_readsOnce_andCountsWhatIsNotFinalAsLost() throws Exception {
        ScriptedSource source = new ScriptedSource(
                List.of(won("rq_a", 10, 50), row("rq_b", RequestStatus.QUEUED, 20, null)),
                List.of(won("rq_a", 10, 50), lost("rq_b", 20, 60)));

        DropOutcome outcome = DropOutcome.await(source, List.of("rq_a", "rq_b"), 1, DropOutcome.Until.FINAL,
                Duration.ZERO, DropOutcome.Watcher.NONE, () -> { });

        assertThat(outcome.lost()).isEqualTo(1);
        assertThat(source.reads).isEqualTo(1);
    }

    @Test
    void read_readsTheRequestsBeforeTheStock() {
        List<String> calls = new ArrayList<>();
        DropOutcome.Source source = new DropOutcome.Source() {
            @Override
            public List<RequestTableReads.Row> rows() {
                calls.add("rows");
                return List.of(won("rq_a", 10, 50));
            }

            @Override
            public int remaining() {
                calls.add("remaining");
                return 0;
            }
        };

        DropOutcome.read(source, List.of("rq_a"), 1);

        assertThat(calls).containsExactly("rows", "remaining");
    }

    /** Answers each read with the next list of rows, then the last one again; no stock is ever left. */
    private static final class ScriptedSource implements DropOutcome.Source {

        private final List<List<RequestTableReads.Row>> readings;
        int reads;

        @SafeVarargs
        ScriptedSource(List<RequestTableReads.Row>... readings) {
            this.readings = List.of(readings);
        }

        @Override
        public List<RequestTableReads.Row> rows() {
            return readings.get(Math.min(reads++, readings.size() - 1));
        }

        @Override
        public int remaining() {
            return 0;
        }
    }
}
