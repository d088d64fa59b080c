package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawCheckTest {

    private final DrawSeed seed = RaffleDrawTest.seed(1);
    private final List<String> entries = RaffleDrawTest.entries(500);
    private final List<String> winners = RaffleDraw.winnersOf(seed, entries, 20);

    @Test
    void theDrawAsPublished_isVerified() {
        DrawCheck check = DrawCheck.of(seed.commitment(), seed, entries, 20, winners);

        assertThat(check.ok()).isTrue();
        assertThat(check.problems()).isEmpty();
        assertThat(check.expected()).isEqualTo(winners);
    }

    @Test
    void aSwappedWinner_failsVerification_andNamesBoth() {
        String loser = entries.stream().filter(id -> !winners.contains(id)).findFirst().orElseThrow();
        List<String> forged = new ArrayList<>(winners);
        String replaced = forged.set(7, loser);

        DrawCheck check = DrawCheck.of(seed.commitment(), seed, entries, 20, forged);

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString()
                .contains("should have won: [" + replaced + "]")
                .contains("should not have won: [" + loser + "]");
    }

    @Test
    void aChangedEntryList_failsVerification() {
        List<String> fewer = new ArrayList<>(entries);
        fewer.remove(winners.get(0));

        assertThat(DrawCheck.of(seed.commitment(), seed, fewer, 20, winners).ok()).isFalse();
    }

    @Test
    void aWinnerFromOutsideTheEntryList_isNamed() {
        List<String> forged = new ArrayList<>(winners);
        forged.set(0, "rq_stranger");

        DrawCheck check = DrawCheck.of(seed.commitment(), seed, entries, 20, forged);

        assertThat(check.problems()).singleElement().asString().contains("not in the entry list: [rq_stranger]");
    }

    @Test
    void anEntryListedTwice_failsVerification() {
        List<String> doubled = new ArrayList<>(entries);
        doubled.add(entries.get(3));

        DrawCheck check = DrawCheck.of(seed.commitment(), seed, doubled, 20, winners);

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).anySatisfy(problem -> assertThat(problem).contains("more than once"));
    }

    @Test
    void aSeedOtherThanTheCommittedOne_failsVerification() {
        DrawSeed other = RaffleDrawTest.seed(2);
        List<String> otherWinners = RaffleDraw.winnersOf(other, entries, 20);

        DrawCheck check = DrawCheck.of(seed.commitment(), other, entries, 20, otherWinners);

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().contains("not the published commitment");
    }

    @Test
    void theSameWinnersInAnotherOrder_failVerification() {
        List<String> reordered = new ArrayList<>(winners);
        Collections.reverse(reordered);

        DrawCheck check = DrawCheck.of(seed.commitment(), seed, entries, 20, reordered);

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().contains("another order");
    }
}
