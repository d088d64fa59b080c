package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final List<String> KEYS = sorted("draws/e1/a/draw.json", "draws/e1/a/entries.txt",
            "draws/e1/b/draw.json", "draws/e2/a/draw.json", "records/dt=2026-12-07/x.gz", "top.txt");

    private static List<String> sorted(String... keys) {
        List<String> list = new ArrayList<>(List.of(keys));
        list.sort(Listing.KEY_ORDER);
        return list;
    }

    @Test
    void keyOrder_isUtf8ByteOrder_notUtf16Order() {
        // In UTF-16 the emoji's surrogates (0xD83D...) sort before U+FF5E and U+E000; in UTF-8, S3's order, after them.
        assertThat(Listing.KEY_ORDER.compare("a\uFF5E", "a\uD83D\uDE00")).isNegative();
        assertThat(Listing.KEY_ORDER.compare("a\uE000", "a\uD83D\uDE00")).isNegative();
        assertThat(Listing.KEY_ORDER.compare("ab", "abc")).isNegative();
        assertThat(Listing.KEY_ORDER.compare("B", "a")).isNegative();
    }

    @Test
    void prefix_keepsOnlyItsKeys() {
        Listing page = Listing.page(KEYS, "draws/e1/", null, null, 1000);

        assertThat(page.keys()).containsExactly("draws/e1/a/draw.json", "draws/e1/a/entries.txt", "draws/e1/b/draw.json");
        assertThat(page.truncated()).isFalse();
        assertThat(page.next()).isNull();
    }

    @Test
    void pages_continueAfterTheLastKey_untilNothingFollows() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        Listing page;
        do {
            page = Listing.page(KEYS, "", null, after, 4);
            seen.addAll(page.keys());
            after = page.next();
            pages++;
        } while (page.truncated());

        assertThat(seen).isEqualTo(KEYS);
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void aFullLastPage_isTruncatedOnlyWhenMoreFollow() {
        Listing exact = Listing.page(KEYS, "draws/", null, null, 4);

        assertThat(exact.keys()).hasSize(4);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void delimiter_rollsKeysIntoCommonPrefixes_countedOnceAcrossPages() {
        Listing first = Listing.page(KEYS, "draws/e1/", "/", null, 1);
        Listing second = Listing.page(KEYS, "draws/e1/", "/", first.next(), 1);
        Listing top = Listing.page(KEYS, "", "/", null, 1000);

        assertThat(first.commonPrefixes()).containsExactly("draws/e1/a/");
        assertThat(first.truncated()).isTrue();
        assertThat(second.commonPrefixes()).containsExactly("draws/e1/b/");
        assertThat(second.truncated()).isFalse();
        assertThat(top.commonPrefixes()).containsExactly("draws/", "records/");
        assertThat(top.keys()).containsExactly("top.txt");
    }

    @Test
    void startAfter_skipsKeysUpToIt() {
        Listing page = Listing.page(KEYS, "", null, "draws/e2/a/draw.json", 1000);

        assertThat(page.keys()).containsExactly("records/dt=2026-12-07/x.gz", "top.txt");
    }

    @Test
    void maxKeysZero_isAnEmptyPageThatSaysNothingFollows() {
        Listing page = Listing.page(KEYS, "", null, null, 0);

        assertThat(page.keys()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }
}
