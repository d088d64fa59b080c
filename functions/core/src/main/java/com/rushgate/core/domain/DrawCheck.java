package com.rushgate.core.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recomputes a published draw and says whether it holds: the revealed seed is the committed one,
 * the entry list names each requestId once, and the winners are exactly those the rule gives, in
 * the same order. What anyone can run from the published files; Rushgate runs it too before it
 * publishes.
 *
 * @param ok       whether every check passed
 * @param problems what failed, in words a participant understands; empty when ok
 * @param expected the winners the rule gives for the published seed and entries
 */
public record DrawCheck(boolean ok, List<String> problems, List<String> expected) {

    private static final int SHOWN = 5;

    public DrawCheck {
        problems = List.copyOf(problems);
        expected = List.copyOf(expected);
    }

    /**
     * @param commitment the commitment published before the raffle opened
     * @param seed       the seed revealed after the draw
     * @param entries    the published entry list (requestIds), in any order
     * @param capacity   the raffle's capacity
     * @param winners    the published winners, best ticket first
     */
    public static DrawCheck of(String commitment, DrawSeed seed, List<String> entries, int capacity,
                               List<String> winners) {
        Objects.requireNonNull(seed, "seed");
        List<String> problems = new ArrayList<>();
        if (!seed.matches(commitment)) {
            problems.add("the seed's SHA-256 is " + seed.commitment() + ", not the published commitment " + commitment);
        }
        Set<String> seen = new HashSet<>(entries.size() * 2);
        List<String> repeated = new ArrayList<>();
        for (String entry : entries) {
            if (!seen.add(entry) && repeated.size() < SHOWN) {
                repeated.add(entry);
            }
        }
        if (!repeated.isEmpty()) {
            problems.add("the entry list names some requestIds more than once: " + repeated);
        }
        List<String> expected = RaffleDraw.winnersOf(seed, entries, capacity);
        if (!expected.equals(winners)) {
            problems.add(difference(expected, winners, seen));
        }
        return new DrawCheck(problems.isEmpty(), problems, expected);
    }

    private static String difference(List<String> expected, List<String> published, Set<String> entries) {
        Set<String> shouldWin = new HashSet<>(expected);
        Set<String> didWin = new HashSet<>(published);
        List<String> missing = expected.stream().filter(id -> !didWin.contains(id)).limit(SHOWN).toList();
        List<String> extra = published.stream().filter(id -> !shouldWin.contains(id)).limit(SHOWN).toList();
        List<String> strangers = published.stream().filter(id -> !entries.contains(id)).limit(SHOWN).toList();
        StringBuilder text = new StringBuilder("the published winners differ from the rule's ("
                + published.size() + " published, " + expected.size() + " expected)");
        if (!missing.isEmpty()) {
            text.append("; should have won: ").append(missing);
        }
        if (!extra.isEmpty()) {
            text.append("; should not have won: ").append(extra);
        }
        if (!strangers.isEmpty()) {
            text.append("; not in the entry list: ").append(strangers);
        }
        if (missing.isEmpty() && extra.isEmpty() && strangers.isEmpty()) {
            text.append("; same winners in another order");
        }
        return text.toString();
    }
}
