package com.rushgate.local.bench;

import com.rushgate.local.load.DropOutcome;
import com.rushgate.local.load.HttpLoad;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one burst did, as the burst section reports it: a row of each of its tables and an entry of
 * its details.
 *
 * @param result            what the participants' clients saw
 * @param untilFinalSeconds from the first submission until the outcome was read; for the
 *                          asynchronous design, until every accepted request was final
 * @param neverAccepted     participants none of whose submissions was accepted, retries included
 * @param outcome           lost, oversold, fairness and decision times, from the RequestTable
 * @param txFloor           the floor's TransactWriteItems per second at the reference level, if it ran
 */
record BurstRun(HttpLoad.Result result, double untilFinalSeconds, int neverAccepted, DropOutcome outcome,
                Optional<Double> txFloor) {

    /** Grants per second as a share of the floor's transactions per second; empty without the floor. */
    Optional<Double> grantsVsFloor() {
        return txFloor.map(floor -> Report.ratio(outcome.decisions().grantsPerSecond(), floor));
    }

    /** The row of the answers table. */
    List<String> row(String name) {
        return List.of(name, Report.number(result.perSecond()), Report.number(result.latencies().percentileMs(50)),
                Report.number(result.latencies().percentileMs(95)), Report.number(result.latencies().percentileMs(99)),
                Report.number(result.latencies().maxMs()), Long.toString(result.errors()),
                Long.toString(result.inProgress()), Integer.toString(neverAccepted), Report.number(untilFinalSeconds),
                Integer.toString(outcome.lost()), Integer.toString(outcome.oversold()));
    }

    /** The row of the FCFS decisions table. */
    List<String> fcfsRow(String name) {
        return List.of(name, String.format(Locale.ROOT, "%.4f", outcome.fairness().fairness()),
                Integer.toString(outcome.fairness().worstWinnerRank()), Report.number(outcome.decisions().p50Ms()),
                Report.number(outcome.decisions().p95Ms()), Report.number(outcome.decisions().p99Ms()),
                Report.number(outcome.decisions().grantsPerSecond()), txFloor.map(Report::number).orElse("-"),
                grantsVsFloor().map(Report::twoDecimals).orElse("-"));
    }

    /** The entry of the details, for this design. */
    Map<String, Object> toMap(String design) {
        Map<String, Object> map = Report.loadDetail(result);
        map.put("design", design);
        map.put("untilAllFinalSeconds", Report.round(untilFinalSeconds));
        map.put("acceptedRequests", outcome.accepted());
        map.put("neverAccepted", neverAccepted);
        map.put("retries", result.retries());
        map.put("lost", outcome.lost());
        map.put("oversold", outcome.oversold());
        Map<String, Integer> counts = new LinkedHashMap<>();
        outcome.statuses().forEach((status, count) -> counts.put(status.name(), count));
        map.put("outcomes", counts);
        map.put("fairness", outcome.fairness().fairness());
        map.put("worstWinnerRank", outcome.fairness().worstWinnerRank());
        map.put("decisionP50Ms", Report.round(outcome.decisions().p50Ms()));
        map.put("decisionP95Ms", Report.round(outcome.decisions().p95Ms()));
        map.put("decisionP99Ms", Report.round(outcome.decisions().p99Ms()));
        map.put("grantsPerSecond", Report.round(outcome.decisions().grantsPerSecond()));
        grantsVsFloor().ifPresent(ratio -> map.put("grantsPerSecondVsTxFloor", ratio));
        return map;
    }
}
