package com.rushgate.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A raffle's draw as Rushgate publishes it, for anyone to check with {@link DrawCheck}: the seed and
 * its commitment, how many entries it took and who won. The entry list itself is published beside
 * it, one requestId per line.
 *
 * @param eventId    the raffle
 * @param capacity   winners asked for
 * @param commitment the seed's SHA-256, as published before the raffle opened
 * @param seed       the seed, revealed with the draw
 * @param closesAt   when the raffle closed
 * @param drawnAt    when the draw ran
 * @param entries    how many entries it took
 * @param winners    the winners, best ticket first
 * @param excluded   entries whose processing failed and that the operator drew without
 * @param location   where the files are (a prefix in the analytics bucket)
 */
public record PublishedDraw(String eventId, int capacity, String commitment, String seed, Instant closesAt,
                            Instant drawnAt, long entries, List<RequestId> winners, List<RequestId> excluded,
                            String location) {

    /** The rule, in the words every published draw carries. */
    public static final String RULE = "winners are the `capacity` entries with the smallest HMAC-SHA256(seed, requestId)"
            + " (key: the seed's 32 bytes; message: the requestId in UTF-8; compared as unsigned big-endian numbers,"
            + " ties by requestId); with no more entries than capacity, every entry wins";

    public PublishedDraw {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(drawnAt, "drawnAt");
        Objects.requireNonNull(location, "location");
        winners = List.copyOf(winners);
        excluded = List.copyOf(excluded);
        if (capacity < 0 || entries < 0 || winners.size() > Math.min(capacity, entries)) {
            throw new IllegalArgumentException("need 0 <= winners <= min(capacity, entries)");
        }
    }

    /** What the event item keeps of this draw. */
    public Raffle asRaffle(Raffle.DrawState state, Instant fannedOutAt) {
        return new Raffle(commitment, state, drawnAt, seed, entries, winners.size(), excluded.size(), location,
                fannedOutAt);
    }
}
