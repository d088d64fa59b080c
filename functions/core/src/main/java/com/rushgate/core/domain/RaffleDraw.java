package com.rushgate.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One raffle draw, computed in a single streaming pass over the entries. The rule, which anyone can
 * recompute from what Rushgate publishes:
 * <ol>
 *   <li>each entry's ticket is HMAC-SHA256 with the seed's 32 bytes as key and the entry's requestId
 *       (UTF-8) as message;</li>
 *   <li>entries are ordered by ticket, read as an unsigned big-endian number (the same as ordering
 *       the tickets' lowercase hex), then by requestId;</li>
 *   <li>the first {@code capacity} entries in that order win; with no more entries than capacity,
 *       every entry wins.</li>
 * </ol>
 * The order of the entries fed in does not matter, and memory stays O(capacity): a bounded heap
 * keeps the best tickets seen so far. Not thread-safe; one draw per thread.
 */
public final class RaffleDraw {

    private static final HexFormat HEX = HexFormat.of();
    /** The worst of the kept tickets sits on top, so it is the one a better ticket replaces. */
    private static final Comparator<Ticket> WORST_FIRST = Comparator.<Ticket>naturalOrder().reversed();

    private final Mac hmac;
    private final int capacity;
    private final PriorityQueue<Ticket> best;
    private long entries;

    /**
     * @param seed     the raffle's seed
     * @param capacity winners to draw, at least 0
     */
    public RaffleDraw(DrawSeed seed, int capacity) {
        Objects.requireNonNull(seed, "seed");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        }
        this.hmac = hmac(seed);
        this.capacity = capacity;
        this.best = new PriorityQueue<>(Math.max(1, Math.min(capacity, 1 << 16)), WORST_FIRST);
    }

    /** Enters one requestId. The caller feeds each entry once. */
    public void enter(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        entries++;
        if (capacity == 0) {
            return;
        }
        Ticket ticket = ticket(requestId);
        if (best.size() < capacity) {
            best.add(ticket);
        } else if (ticket.compareTo(best.peek()) < 0) {
            best.poll();
            best.add(ticket);
        }
    }

    /** Entries fed so far. */
    public long entries() {
        return entries;
    }

    /** The winners so far, best ticket first: min(capacity, entries) of them. */
    public List<Ticket> winners() {
        List<Ticket> winners = new ArrayList<>(best);
        winners.sort(Comparator.naturalOrder());
        return List.copyOf(winners);
    }

    /** The ticket of one requestId under this draw's seed. */
    public Ticket ticket(String requestId) {
        byte[] digest = hmac.doFinal(requestId.getBytes(StandardCharsets.UTF_8));
        return new Ticket(requestId, digest);
    }

    /** The winners' requestIds of {@code entries} under {@code seed}, best ticket first. */
    public static List<String> winnersOf(DrawSeed seed, Iterable<String> entries, int capacity) {
        RaffleDraw draw = new RaffleDraw(seed, capacity);
        entries.forEach(draw::enter);
        return draw.winners().stream().map(Ticket::requestId).toList();
    }

    private static Mac hmac(DrawSeed seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.bytes(), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    /** An entry's ticket: lower wins. Ordered by digest (unsigned), then requestId. */
    public static final class Ticket implements Comparable<Ticket> {
        private final String requestId;
        private final byte[] digest;

        Ticket(String requestId, byte[] digest) {
            this.requestId = requestId;
            this.digest = digest;
        }

        public String requestId() {
            return requestId;
        }

        /** The ticket as 64 lowercase hex digits. */
        public String hex() {
            return HEX.formatHex(digest);
        }

        @Override
        public int compareTo(Ticket other) {
            int byDigest = Arrays.compareUnsigned(digest, other.digest);
            return byDigest != 0 ? byDigest : requestId.compareTo(other.requestId);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ticket ticket && requestId.equals(ticket.requestId)
                    && Arrays.equals(digest, ticket.digest);
        }

        @Override
        public int hashCode() {
            return requestId.hashCode();
        }

        @Override
        public String toString() {
            return requestId + ":" + hex();
        }
    }
}
