package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RaffleDrawTest {

    /** The seed 00 01 02 ... 1f; the expected values below were computed with Python's hmac and hashlib. */
    private static final DrawSeed KNOWN = DrawSeed.fromHex(sequentialHex());

    private static final List<String> FIVE = List.of("rq_a", "rq_b", "rq_c", "rq_d", "rq_e");

    private static String sequentialHex() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void ticketsAndCommitment_matchAnIndependentImplementation() {
        RaffleDraw draw = new RaffleDraw(KNOWN, 2);

        assertThat(KNOWN.commitment()).isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
        assertThat(draw.ticket("rq_a").hex()).isEqualTo("20f6353bdda9a62bb9f554b68677b67e0b65a0d51e2955502606e49adc121058");
        assertThat(draw.ticket("rq_d").hex()).isEqualTo("753bbbce8b019acfa2494eec774e2aef91f9ba9b4f3eefd6e1fbbd11cacf09d1");
    }

    @Test
    void winners_areTheSmallestTickets_bestFirst() {
        assertThat(RaffleDraw.winnersOf(KNOWN, FIVE, 2)).containsExactly("rq_a", "rq_d");
        assertThat(RaffleDraw.winnersOf(KNOWN, FIVE, 3)).containsExactly("rq_a", "rq_d", "rq_e");
    }

    @Test
    void sameSeedAndEntries_inAnyOrder_giveTheSameWinners() {
        List<String> entries = entries(2_000);
        List<String> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(7));
        DrawSeed seed = seed(42);

        assertThat(RaffleDraw.winnersOf(seed, shuffled, 100)).isEqualTo(RaffleDraw.winnersOf(seed, entries, 100));
    }

    @Test
    void streamingDraw_agreesWithSortingEveryTicket() {
        List<String> entries = entries(3_000);
        DrawSeed seed = seed(3);
        RaffleDraw draw = new RaffleDraw(seed, 1);
        List<String> sorted = entries.stream().map(draw::ticket).sorted().map(RaffleDraw.Ticket::requestId).toList();

        assertThat(RaffleDraw.winnersOf(seed, entries, 250)).isEqualTo(sorted.subList(0, 250));
    }

    @Test
    void capacityAtLeastTheEntries_everyoneWins_andCapacityZero_nobody() {
        assertThat(RaffleDraw.winnersOf(KNOWN, FIVE, 5)).containsExactlyInAnyOrderElementsOf(FIVE);
        assertThat(RaffleDraw.winnersOf(KNOWN, FIVE, 1_000)).hasSize(5);
        assertThat(RaffleDraw.winnersOf(KNOWN, FIVE, 0)).isEmpty();
        assertThat(RaffleDraw.winnersOf(KNOWN, List.of(), 10)).isEmpty();
    }

    @Test
    void negativeCapacity_isRefused() {
        assertThatThrownBy(() -> new RaffleDraw(KNOWN, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 20 entries, 5 winners, 8,000 draws with independent seeds: every entry should win 2,000 times.
     * The chi-square statistic over the 20 win counts is compared with 43.82, the 0.999 quantile of
     * chi-square with 19 degrees of freedom. (Each draw has exactly 5 winners, so the counts vary a
     * little less than independent ones would; the bound is conservative.) The seeds are derived from
     * a counter, so the test gives the same answer on every run.
     */
    @Test
    void everyEntry_winsAsOftenAsAnyOther_withinAChiSquareBound() {
        List<String> entries = entries(20);
        int capacity = 5;
        int draws = 8_000;
        Map<String, Integer> wins = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            RaffleDraw.winnersOf(seed(1_000 + i), entries, capacity).forEach(id -> wins.merge(id, 1, Integer::sum));
        }
        double expected = (double) draws * capacity / entries.size();
        double chiSquare = entries.stream()
                .mapToDouble(id -> Math.pow(wins.getOrDefault(id, 0) - expected, 2) / expected)
                .sum();

        assertThat(wins).hasSize(20);
        assertThat(chiSquare).isLessThan(43.82);
    }

    @Test
    void seed_roundTripsThroughHex_andHidesItselfInToString() {
        DrawSeed seed = seed(9);

        assertThat(DrawSeed.fromHex(seed.hex())).isEqualTo(seed);
        assertThat(DrawSeed.fromHex(seed.hex().toUpperCase())).isEqualTo(seed);
        assertThat(seed.matches(seed.commitment())).isTrue();
        assertThat(seed.matches(seed(10).commitment())).isFalse();
        assertThat(seed.toString()).doesNotContain(seed.hex());
        assertThatThrownBy(() -> DrawSeed.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrawSeed.fromHex("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }

    static List<String> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> "rq_entry" + i).toList();
    }

    /** A deterministic seed per number, so statistical tests are repeatable. */
    static DrawSeed seed(int n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("seed-" + n).getBytes());
            return DrawSeed.fromHex(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
