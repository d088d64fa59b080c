package com.rushgate.redrive;

import com.rushgate.core.app.DrawOutcome;
import com.rushgate.core.aws.Timestamps;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draw's outcome as the Draw function answers it, and as the reconciler reports each draw it ran:
 * {@code {"eventId", "outcome", ...}} with {@code outcome} one of {@link #DRAWN}, {@link #ALREADY_DRAWN},
 * {@link #TOO_EARLY}, {@link #BLOCKED}, {@link #NOT_A_RAFFLE}, {@link #NOT_FOUND} and the details that
 * outcome has.
 */
final class DrawAnswers {

    /** Drawn by this call: seed, commitment, capacity, entries, winners (a count), excluded, location, times. */
    static final String DRAWN = "DRAWN";
    /** Drawn before: the same details, the first draw's. */
    static final String ALREADY_DRAWN = "ALREADY_DRAWN";
    /** Not due yet: dueAt. */
    static final String TOO_EARLY = "TOO_EARLY";
    /** Entries still in flight (inFlight, at least), or failed for good (failed, their requestIds). */
    static final String BLOCKED = "BLOCKED";
    /** FCFS, or a raffle without a committed seed: why. */
    static final String NOT_A_RAFFLE = "NOT_A_RAFFLE";
    static final String NOT_FOUND = "NOT_FOUND";

    private DrawAnswers() {
    }

    static Map<String, Object> of(String eventId, DrawOutcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        if (outcome instanceof DrawOutcome.Drawn drawn) {
            answer.put("outcome", drawn.first() ? DRAWN : ALREADY_DRAWN);
            published(drawn.draw(), answer);
        } else if (outcome instanceof DrawOutcome.TooEarly early) {
            answer.put("outcome", TOO_EARLY);
            answer.put("dueAt", Timestamps.format(early.dueAt()));
        } else if (outcome instanceof DrawOutcome.Blocked blocked) {
            answer.put("outcome", BLOCKED);
            answer.put("inFlight", blocked.inFlight());
            answer.put("failed", ids(blocked.failed()));
        } else if (outcome instanceof DrawOutcome.NotARaffle notARaffle) {
            answer.put("outcome", NOT_A_RAFFLE);
            answer.put("why", notARaffle.why());
        } else {
            answer.put("outcome", NOT_FOUND);
        }
        return answer;
    }

    /** The outcome's name alone, for a log line. */
    static String name(DrawOutcome outcome) {
        return String.valueOf(of("-", outcome).get("outcome"));
    }

    private static void published(PublishedDraw draw, Map<String, Object> answer) {
        answer.put("capacity", draw.capacity());
        answer.put("commitment", draw.commitment());
        answer.put("seed", draw.seed());
        if (draw.closesAt() != null) {
            answer.put("closesAt", Timestamps.format(draw.closesAt()));
        }
        answer.put("drawnAt", Timestamps.format(draw.drawnAt()));
        answer.put("entries", draw.entries());
        answer.put("winners", draw.winners().size());
        answer.put("excluded", ids(draw.excluded()));
        answer.put("location", draw.location());
    }

    private static List<String> ids(List<RequestId> ids) {
        return ids.stream().map(RequestId::value).toList();
    }
}
