package com.rushgate.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an event holds about its raffle draw: the seed's commitment, published from creation, and
 * once drawn what the draw published. The seed itself is kept apart (see {@link DrawSeed}) and
 * appears here only after the draw.
 *
 * @param commitment  SHA-256 of the seed, 64 lowercase hex digits
 * @param state       where the draw stands
 * @param drawnAt     when the draw ran; null while OPEN
 * @param seed        the revealed seed, 64 hex digits; null while OPEN
 * @param entries     entries the draw took; 0 while OPEN
 * @param winners     winners it gave; 0 while OPEN
 * @param excluded    failed entries the operator drew without; 0 while OPEN
 * @param location    where the draw's files are published; null while OPEN
 * @param fannedOutAt when the entries' decisions were last sent to the work queue; null before
 */
public record Raffle(String commitment, DrawState state, Instant drawnAt, String seed, long entries, int winners,
                     int excluded, String location, Instant fannedOutAt) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Where a raffle's draw stands. */
    public enum DrawState {
        /** Not drawn yet: entries are taken while the event is open, then the draw waits for its time. */
        OPEN,
        /** Drawn and published; the entries' decisions are on their way. */
        DRAWN,
        /** Drawn, published, and every entry decided. */
        FINALISED
    }

    public Raffle {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(state, "state");
        if (!HEX64.matcher(commitment).matches()) {
            throw new IllegalArgumentException("a commitment is 64 lowercase hex digits");
        }
        if (state == DrawState.OPEN && (drawnAt != null || seed != null || location != null)) {
            throw new IllegalArgumentException("an open raffle has no draw time, no revealed seed and no result");
        }
        if (state != DrawState.OPEN && (drawnAt == null || seed == null || location == null)) {
            throw new IllegalArgumentException("a drawn raffle has its draw time, its revealed seed and its result");
        }
        if (entries < 0 || winners < 0 || excluded < 0 || winners > entries) {
            throw new IllegalArgumentException("need 0 <= winners <= entries and excluded >= 0");
        }
    }

    /** A raffle not drawn yet, committed to {@code seed}. */
    public static Raffle committedTo(DrawSeed seed) {
        return new Raffle(seed.commitment(), DrawState.OPEN, null, null, 0, 0, 0, null, null);
    }

    /** The same drawn raffle, every entry decided. */
    public Raffle finalised() {
        if (state != DrawState.DRAWN) {
            throw new IllegalStateException("only a DRAWN raffle is finalised, this one is " + state);
        }
        return new Raffle(commitment, DrawState.FINALISED, drawnAt, seed, entries, winners, excluded, location, fannedOutAt);
    }

    /** The same raffle, its decisions sent to the work queue at {@code at}. */
    public Raffle fannedOutAt(Instant at) {
        return new Raffle(commitment, state, drawnAt, seed, entries, winners, excluded, location, at);
    }

    public boolean drawn() {
        return state != DrawState.OPEN;
    }
}
