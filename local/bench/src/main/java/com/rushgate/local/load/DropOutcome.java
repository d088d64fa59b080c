package com.rushgate.local.load;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How an FCFS drop ended, read from the RequestTable and the event's stock: the one proof the demo
 * and the bench's burst give. Everything comes from one reading of every request of the event, so
 * the counts agree with each other.
 *
 * @param accepted  distinct requests whose participant was answered 200 or 202
 * @param lost      accepted requests that are not final (or not in the table at all)
 * @param undecided accepted requests neither SUCCEEDED nor REJECTED: the lost ones and the FAILED_FINAL ones
 * @param oversold  SUCCEEDED requests beyond the stock taken (capacity minus remaining); 0 when they agree
 * @param remaining the event's stock left, read after the requests
 * @param statuses  every request of the event by status (in the enum's order), including those
 *                  recorded before a refused answer (a 503 after the RECEIVED write): the stock check
 *                  must see all of them
 * @param fairness  whether the first arrivals won, over every request of the event
 * @param decisions decision latencies and grants per second, over every request of the event
 */
public record DropOutcome(int accepted, int lost, int undecided, int oversold, int remaining,
                          Map<RequestStatus, Integer> statuses, Fairness fairness, DecisionTimes decisions) {

    /** Between two readings of a wait. */
    private static final Duration POLL = Duration.ofMillis(250);

    /** What every accepted request must reach for a wait to end. */
    public enum Until {
        /** Any final state: SUCCEEDED, REJECTED or FAILED_FINAL. */
        FINAL,
        /** SUCCEEDED or REJECTED: a FAILED_FINAL request still awaits its redrive. */
        DECIDED
    }

    /** Where a drop is read: every request of its event, and its stock left. */
    public interface Source {

        /** Every request of the event; a strongly consistent read. */
        List<RequestTableReads.Row> rows();

        /** The event's stock left. */
        int remaining();

        /** The event's requests in the stack's RequestTable and its item in the EventTable. */
        static Source of(LocalStack stack, String eventId) {
            DynamoEventCatalog events = new DynamoEventCatalog(stack.clients().dynamoDb(),
                    stack.model().functionVariable("EVENT_TABLE"));
            return new Source() {
                @Override
                public List<RequestTableReads.Row> rows() {
                    return RequestTableReads.rowsOfEvent(stack, eventId);
                }

                @Override
                public int remaining() {
                    return events.find(eventId).orElseThrow(() -> new IllegalStateException("no event " + eventId))
                            .remaining();
                }
            };
        }
    }

    /** Told of every reading a wait makes, the last included. */
    @FunctionalInterface
    public interface Watcher {
        Watcher NONE = outcome -> { };

        void read(DropOutcome outcome);
    }

    /** What a wait does between two readings. */
    @FunctionalInterface
    interface Pause {
        void pause() throws InterruptedException;
    }

    /** The outcome of these rows (every request of the event) for these accepted requestIds. */
    public static DropOutcome of(List<RequestTableReads.Row> rows, Collection<String> accepted, int capacity,
                                 int remaining) {
        Map<String, RequestStatus> byId = RequestTableReads.statusById(rows);
        Set<String> distinct = Set.copyOf(accepted);
        int lost = 0;
        int undecided = 0;
        for (String id : distinct) {
            RequestStatus status = byId.get(id);
            if (status == null || !status.isFinal()) {
                lost++;
            }
            if (status == null || !status.isDecided()) {
                undecided++;
            }
        }
        Map<RequestStatus, Integer> statuses = RequestTableReads.countByStatus(byId);
        int oversold = Math.max(0, statuses.getOrDefault(RequestStatus.SUCCEEDED, 0) - (capacity - remaining));
        return new DropOutcome(distinct.size(), lost, undecided, oversold, remaining, statuses,
                Fairness.of(rows, capacity), DecisionTimes.of(rows));
    }

    /**
     * One reading, now. The requests are read before the stock, so a grant between the two reads
     * can only make {@code oversold} smaller, never report one that did not happen.
     */
    public static DropOutcome read(Source source, Collection<String> accepted, int capacity) {
        List<RequestTableReads.Row> rows = source.rows();
        return of(rows, accepted, capacity, source.remaining());
    }

    /**
     * Reads the drop until every accepted request has reached {@code until}, or {@code timeout} has
     * passed (at least once either way); the last reading. Accepted requests still short of
     * {@code until} then count in {@link #lost} or {@link #undecided}.
     */
    public static DropOutcome await(Source source, Collection<String> accepted, int capacity, Until until,
                                    Duration timeout, Watcher watcher) throws InterruptedException {
        return await(source, accepted, capacity, until, timeout, watcher,
                () -> TimeUnit.MILLISECONDS.sleep(POLL.toMillis()));
    }

    static DropOutcome await(Source source, Collection<String> accepted, int capacity, Until until, Duration timeout,
                             Watcher watcher, Pause pause) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DropOutcome outcome = read(source, accepted, capacity);
        watcher.read(outcome);
        while (!outcome.reached(until) && System.nanoTime() < deadline) {
            pause.pause();
            outcome = read(source, accepted, capacity);
            watcher.read(outcome);
        }
        return outcome;
    }

    /** Every accepted request has reached {@code until}. */
    public boolean reached(Until until) {
        return (until == Until.FINAL ? lost : undecided) == 0;
    }

    /** Requests of the event in this status. */
    public int count(RequestStatus status) {
        return statuses.getOrDefault(status, 0);
    }

    /** Accepted requests in a final state. */
    public int finalCount() {
        return accepted - lost;
    }

    /** Accepted requests SUCCEEDED or REJECTED. */
    public int decidedCount() {
        return accepted - undecided;
    }
}
