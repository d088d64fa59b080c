package com.rushgate.core.aws;

import com.rushgate.core.domain.RequestStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * The CountsTable layout, written by the Tally function from the RequestTable stream and read by
 * {@link DynamoEventCounts}. Key: {@code eventId} and {@code slot}. docs/architecture.md documents it.
 *
 * <ul>
 *   <li>slot {@value #TOTALS}: counters the Tally ADDs to ({@value #ACCEPTED}, {@code s_<STATE>} for
 *       every state a request can leave, {@value #SUCCEEDED}, {@code r_<REASON>}), and per stream
 *       shard {@code q_<shardId>}, the last sequence number applied ({@link #sequence}), and {@code t_<shardId>},
 *       the epoch ms of the newest record applied from that shard;</li>
 *   <li>slots {@code lat#<epochMinute>} (ten digits): counters {@code b_<bucket>} of a
 *       {@link com.rushgate.core.domain.LatencyHistogram} of the acceptance-to-decision latency of
 *       the requests decided in that minute, and {@value #EXPIRES_AT} (epoch s) a day later.</li>
 * </ul>
 */
public final class CountsItem {

    public static final String EVENT_ID = "eventId";
    public static final String SLOT = "slot";
    public static final String TOTALS = "totals";
    public static final String LATENCY_PREFIX = "lat#";
    public static final String ACCEPTED = "accepted";
    public static final String SUCCEEDED = "succeeded";
    public static final String STATE_PREFIX = "s_";
    public static final String REJECTED_PREFIX = "r_";
    public static final String APPLIED_PREFIX = "q_";
    public static final String COUNTED_PREFIX = "t_";
    public static final String BUCKET_PREFIX = "b_";
    /** The table's TTL attribute, epoch seconds; only latency slots have it. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Digits of a stored sequence number. */
    public static final int SEQUENCE_DIGITS = 40;
    /** How long a latency slot is kept. */
    public static final Duration LATENCY_SLOT_LIFE = Duration.ofDays(1);

    private CountsItem() {
    }

    /** The slot of the latencies of the requests decided in the minute of {@code at}. */
    public static String latencySlot(Instant at) {
        return latencySlot(Math.floorDiv(at.toEpochMilli(), 60_000L));
    }

    public static String latencySlot(long epochMinute) {
        return LATENCY_PREFIX + String.format("%010d", epochMinute);
    }

    /** When a latency slot of that minute expires, epoch seconds. */
    public static long latencySlotExpiry(String slot) {
        long minute = Long.parseLong(slot.substring(LATENCY_PREFIX.length()));
        return minute * 60 + LATENCY_SLOT_LIFE.toSeconds();
    }

    /**
     * The counter of the totals that a request in {@code status} is counted under: {@value #SUCCEEDED},
     * {@code r_<reason>} for a rejection ({@code r_UNKNOWN} without a reason), else {@code s_<STATE>}.
     */
    public static String counterOf(RequestStatus status, String reason) {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED;
            case REJECTED -> REJECTED_PREFIX + (reason == null || reason.isBlank() ? "UNKNOWN" : reason);
            default -> STATE_PREFIX + status.name();
        };
    }

    /**
     * A stream sequence number as {@code q_<shard>} holds it: a string of {@value #SEQUENCE_DIGITS}
     * digits, zero-padded, so that string order is number order. Not a number (N): DynamoDB Streams'
     * sequence numbers have up to 40 digits, N keeps 38.
     */
    public static String sequence(BigInteger sequenceNumber) {
        String digits = sequenceNumber.toString();
        if (sequenceNumber.signum() < 0 || digits.length() > SEQUENCE_DIGITS) {
            throw new IllegalArgumentException("not a stream sequence number: " + sequenceNumber);
        }
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    public static String appliedAttribute(String shardId) {
        return APPLIED_PREFIX + shardId;
    }

    public static String countedAttribute(String shardId) {
        return COUNTED_PREFIX + shardId;
    }
}
