package com.rushgate.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a demo run proves. neverAccepted (users whose client, retrying as told, was never
 * accepted), lost (accepted but never final) and oversold (winners beyond the stock taken) must all
 * be 0 and fairness 1 (every winner among the first capacity arrivals); with analytics, lakeRecords
 * (distinct requests of the event in the data lake) must equal the final requests, succeeded +
 * rejected + failedFinal. A raffle's run (type RAFFLE) adds entries, winners, notDrawn and
 * drawVerified: its winners must be min(capacity, entries), its draw must verify through the public
 * API, and its fairness is 1 exactly when it does.
 *
 * @param submissions   participations sent, duplicates included
 * @param accepted      distinct requests answered 202
 * @param duplicates    duplicate submissions answered with the same requestId as the user's first
 * @param refused       submissions answered with anything but 200 or 202, or not at all (after retries
 *                      of 409/429/503)
 * @param neverAccepted users none of whose submissions was answered 200 or 202
 * @param succeeded     SUCCEEDED requests of the event, those of refused submissions included
 * @param fairness      share of the SUCCEEDED requests among the first capacity arrivals (acceptedAt,
 *                      then requestId) of all the event's requests; 1 without winners
 * @param worstWinnerRank the largest 1-based arrival rank of a SUCCEEDED request; 0 without winners
 */
public record DemoSummary(String eventId, int users, int capacity, int submissions, int accepted, int duplicates,
                          int refused, int neverAccepted, int succeeded, int rejected, int failedFinal, int remaining, int lost,
                          int oversold, double fairness, int worstWinnerRank, double ingestPerSecond, double ingestP50Ms, double ingestP95Ms,
                          double ingestP99Ms, double drainSeconds, Map<String, Object> extra) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every user accepted, nothing lost or oversold, every winner among the first arrivals, and, when
     * the lake was checked, every final request in it.
     */
    public boolean healthy() {
        return neverAccepted == 0 && lost == 0 && oversold == 0 && fairness >= 1.0 && lakeComplete() && drawComplete();
    }

    /** A raffle's run: it has the draw's keys (entries, winners, notDrawn, drawVerified). */
    public boolean raffle() {
        return extra.containsKey("drawVerified");
    }

    /** A raffle was drawn, verified, and gave min(capacity, entries) winners; always true for FCFS. */
    private boolean drawComplete() {
        if (!raffle()) {
            return true;
        }
        long entries = ((Number) extra.get("entries")).longValue();
        return Boolean.TRUE.equals(extra.get("drawVerified")) && succeeded == Math.min(capacity, entries);
    }

    private boolean lakeComplete() {
        Object inLake = extra.get("lakeRecords");
        return !(inLake instanceof Number n) || n.longValue() == (long) succeeded + rejected + failedFinal;
    }

    public DemoSummary with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new DemoSummary(eventId, users, capacity, submissions, accepted, duplicates, refused, neverAccepted,
                succeeded, rejected,
                failedFinal, remaining, lost, oversold, fairness, worstWinnerRank, ingestPerSecond, ingestP50Ms, ingestP95Ms, ingestP99Ms,
                drainSeconds, more);
    }

    /** One JSON object with the documented field names. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventId", eventId);
        node.put("users", users);
        node.put("capacity", capacity);
        node.put("submissions", submissions);
        node.put("accepted", accepted);
        node.put("duplicates", duplicates);
        node.put("refused", refused);
        node.put("neverAccepted", neverAccepted);
        node.put("succeeded", succeeded);
        node.put("rejected", rejected);
        node.put("failedFinal", failedFinal);
        node.put("remaining", remaining);
        node.put("lost", lost);
        node.put("oversold", oversold);
        node.put("fairness", fairness);
        node.put("worstWinnerRank", worstWinnerRank);
        node.put("ingestPerSecond", round(ingestPerSecond));
        node.put("ingestP50Ms", round(ingestP50Ms));
        node.put("ingestP95Ms", round(ingestP95Ms));
        node.put("ingestP99Ms", round(ingestP99Ms));
        node.put("drainSeconds", round(drainSeconds));
        extra.forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        return node.toString();
    }

    /** The summary for people. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(raffle()
                ? String.format("%nRushgate demo: raffle %s, %d winners to draw, %d users%n", eventId, capacity, users)
                : String.format("%nRushgate demo: FCFS event %s, %d units, %d users%n", eventId, capacity, users));
        text.append(String.format("  submissions        %8d  (%d duplicates answered with the same requestId)%n",
                submissions, duplicates));
        text.append(String.format("  accepted (202)     %8d%n", accepted));
        if (refused > 0) {
            text.append(String.format("  refused            %8d  (last answer not 200/202, after retries)%n", refused));
        }
        text.append(String.format("  never accepted     %8d  %s%n", neverAccepted,
                neverAccepted == 0 ? "ok" : "USERS WHOSE CLIENT WAS NEVER ACCEPTED"));
        text.append(String.format("  SUCCEEDED          %8d%s%n", succeeded, raffle() ? "  (drawn)" : ""));
        text.append(String.format("  REJECTED           %8d  %s%n", rejected, raffle() ? "(not drawn)" : "(sold out)"));
        text.append(String.format("  FAILED_FINAL       %8d%n", failedFinal));
        text.append(String.format("  stock remaining    %8d%n", remaining));
        text.append(String.format("  lost               %8d  %s%n", lost, lost == 0 ? "ok" : "ACCEPTED BUT NEVER FINAL"));
        text.append(String.format("  oversold           %8d  %s%n", oversold, oversold == 0 ? "ok" : "MORE WINNERS THAN STOCK TAKEN"));
        if (raffle()) {
            text.append(String.format(Locale.ROOT, "  fairness           %8.4f  %s%n", fairness,
                    fairness >= 1.0 ? "ok (the published draw recomputes)" : "THE DRAW DOES NOT VERIFY"));
        } else {
            text.append(String.format(Locale.ROOT, "  fairness           %8.4f  %s%n", fairness,
                    fairness >= 1.0 ? "ok" : "WINNERS FROM BEYOND THE FIRST " + capacity + " ARRIVALS"));
            text.append(String.format("  worst winner rank  %8d  (in arrival order; %d or less is fair)%n",
                    worstWinnerRank, capacity));
        }
        text.append(String.format("  ingest             %8.0f req/s   p50 %.1f ms   p95 %.1f ms   p99 %.1f ms%n",
                ingestPerSecond, ingestP50Ms, ingestP95Ms, ingestP99Ms));
        text.append(String.format("  drain              %8.1f s after the last answer%n", drainSeconds));
        extra.forEach((key, value) -> text.append(String.format("  %-18s %8s%s%n", key, value,
                key.equals("lakeRecords") ? (lakeComplete() ? "  ok" : "  FINAL REQUESTS MISSING FROM THE LAKE") : "")));
        return text.toString();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
