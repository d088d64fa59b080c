package com.rushgate.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A request's place in the line of its event: {@code acceptedAt} to the millisecond, as Ingest
 * recorded it, then the requestId. FCFS winners are the first arrivals in this order, whatever
 * happens to their messages after acceptance.
 *
 * <p>{@link #sortKey()} is the same order as a string (the arrival index's sort key): 13 digits
 * of epoch milliseconds, then {@code #} and the requestId.
 */
public record ArrivalKey(long acceptedAtMs, RequestId requestId) implements Comparable<ArrivalKey> {

    private static final Comparator<ArrivalKey> ORDER = Comparator.comparingLong(ArrivalKey::acceptedAtMs)
            .thenComparing(key -> key.requestId().value());
    private static final int MILLIS_DIGITS = 13;

    public ArrivalKey {
        Objects.requireNonNull(requestId, "requestId");
        if (acceptedAtMs < 0 || Long.toString(acceptedAtMs).length() > MILLIS_DIGITS) {
            throw new IllegalArgumentException("acceptedAt must be between 1970 and the year 2286");
        }
    }

    public static ArrivalKey of(ParticipationRequest request) {
        return new ArrivalKey(request.acceptedAt().toEpochMilli(), request.requestId());
    }

    /** The first possible key at {@code instant}: every key accepted before it sorts below. */
    public static String sortKeyBound(Instant instant) {
        return String.format("%0" + MILLIS_DIGITS + "d#~", instant.toEpochMilli());
    }

    public Instant acceptedAt() {
        return Instant.ofEpochMilli(acceptedAtMs);
    }

    public String sortKey() {
        return String.format("%0" + MILLIS_DIGITS + "d#%s", acceptedAtMs, requestId.value());
    }

    /** @throws IllegalArgumentException when {@code sortKey} is not one of {@link #sortKey()}'s */
    public static ArrivalKey parse(String sortKey) {
        Objects.requireNonNull(sortKey, "sortKey");
        int hash = sortKey.indexOf('#');
        if (hash != MILLIS_DIGITS) {
            throw new IllegalArgumentException("not an arrival key: " + sortKey);
        }
        try {
            return new ArrivalKey(Long.parseLong(sortKey.substring(0, hash)), new RequestId(sortKey.substring(hash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an arrival key: " + sortKey, e);
        }
    }

    /**
     * The index partition of this arrival: {@code eventId#NN}. Requests of one event are spread
     * over {@code shards} partitions by their id, so a drop's peak does not write one hot key.
     */
    public String partition(String eventId, int shards) {
        return shardPartition(eventId, Math.floorMod(requestId.value().hashCode(), shards));
    }

    /** The index partition of shard {@code shard} of {@code eventId}. */
    public static String shardPartition(String eventId, int shard) {
        return eventId + "#" + (shard < 10 ? "0" : "") + shard;
    }

    @Override
    public int compareTo(ArrivalKey other) {
        return ORDER.compare(this, other);
    }
}
