package com.rushgate.local.load;

import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Whether an FCFS event was won by its first arrivals. Arrival order is {@code acceptedAt}, then
 * {@code requestId} (string order); the expected winners of an event of capacity C are the first C
 * requests in that order, of all the event's requests in the RequestTable (a request without
 * {@code acceptedAt} arrives last).
 *
 * @param winners         SUCCEEDED requests
 * @param fairness        the share of winners that are among the first C arrivals; 1.0 without winners
 * @param worstWinnerRank the largest 1-based arrival rank of a winner; 0 without winners
 */
public record Fairness(int capacity, int requests, int winners, double fairness, int worstWinnerRank) {

    /** Arrival order. */
    public static final Comparator<RequestTableReads.Row> ARRIVAL = Comparator
            .comparing(RequestTableReads.Row::acceptedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(RequestTableReads.Row::requestId);

    public static Fairness of(List<RequestTableReads.Row> rows, int capacity) {
        List<RequestTableReads.Row> arrivals = rows.stream().sorted(ARRIVAL).toList();
        int winners = 0;
        int fair = 0;
        int worst = 0;
        for (int rank = 1; rank <= arrivals.size(); rank++) {
            if (arrivals.get(rank - 1).status() == RequestStatus.SUCCEEDED) {
                winners++;
                if (rank <= capacity) {
                    fair++;
                }
                worst = rank;
            }
        }
        return new Fairness(capacity, arrivals.size(), winners, winners == 0 ? 1.0 : (double) fair / winners, worst);
    }

    /** Every winner is among the first C arrivals. */
    public boolean fair() {
        return fairness >= 1.0;
    }
}
