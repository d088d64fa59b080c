package com.rushgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.app.port.DrawResults.EntryList;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where draws are published: a draw's folder holds what it was published with, pages its lists,
 * and shows nothing until it is published.
 */
public abstract class DrawResultsContract {

    protected abstract DrawResults createResults();

    private static final Sha256RequestIds IDS = new Sha256RequestIds();
    private static final Instant CLOSES_AT = Instant.parse("2026-12-07T18:00:00Z");
    private static final Instant DRAWN_AT = Instant.parse("2026-12-07T18:00:30.125Z");

    private DrawResults results;
    private String eventId;

    @BeforeEach
    void setUp() {
        results = createResults();
        eventId = Requests.uniqueEventId();
    }

    private List<RequestId> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> IDS.derive(eventId, "user-" + i)).toList();
    }

    /** Publishes a draw of {@code entries} whose winners are the first {@code capacity} of them, in reverse. */
    private PublishedDraw published(List<RequestId> entries, int capacity, List<RequestId> excluded) {
        try (EntryList list = results.begin(eventId)) {
            entries.forEach(list::add);
            List<RequestId> winners = new ArrayList<>(entries.subList(0, Math.min(capacity, entries.size())));
            Collections.reverse(winners);
            PublishedDraw draw = new PublishedDraw(eventId, capacity, "c".repeat(64), "5".repeat(64), CLOSES_AT,
                    DRAWN_AT, entries.size(), winners, excluded, list.location());
            list.publish(draw);
            return draw;
        }
    }

    private List<RequestId> allPages(String location, DrawFile file, int pageSize) {
        List<RequestId> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<RequestId> ids = results.page(location, file, page, pageSize);
            assertThat(ids).hasSizeLessThanOrEqualTo(pageSize);
            if (ids.isEmpty()) {
                return all;
            }
            all.addAll(ids);
        }
    }

    @Test
    void read_givesThePublishedDrawBack() {
        PublishedDraw draw = published(entries(12), 5, entries(14).subList(12, 14));

        assertThat(results.read(draw.location())).contains(draw);
    }

    @Test
    void page_walksTheEntriesAndTheWinnersInPages_andIsEmptyPastTheEnd() {
        List<RequestId> entries = entries(25);
        PublishedDraw draw = published(entries, 7, List.of());

        assertThat(results.page(draw.location(), DrawFile.ENTRIES, 0, 10)).hasSize(10);
        assertThat(results.page(draw.location(), DrawFile.ENTRIES, 2, 10)).hasSize(5);
        assertThat(results.page(draw.location(), DrawFile.ENTRIES, 3, 10)).isEmpty();
        assertThat(results.page(draw.location(), DrawFile.ENTRIES, 1000, 10)).isEmpty();
        assertThat(allPages(draw.location(), DrawFile.ENTRIES, 10)).containsExactlyInAnyOrderElementsOf(entries);
        assertThat(allPages(draw.location(), DrawFile.WINNERS, 3)).containsExactlyElementsOf(draw.winners());
    }

    @Test
    void aDrawWithoutEntries_readsBack_andItsListsHaveNoPage() {
        PublishedDraw draw = published(List.of(), 5, List.of());

        assertThat(results.read(draw.location())).contains(draw);
        assertThat(results.page(draw.location(), DrawFile.ENTRIES, 0, 10)).isEmpty();
        assertThat(results.page(draw.location(), DrawFile.WINNERS, 0, 10)).isEmpty();
    }

    @Test
    void aListClosedWithoutPublishing_leavesNothingToRead() {
        String location;
        try (EntryList list = results.begin(eventId)) {
            entries(3).forEach(list::add);
            location = list.location();
        }

        assertThat(results.read(location)).isEmpty();
        assertThat(results.page(location, DrawFile.ENTRIES, 0, 10)).isEmpty();
    }

    @Test
    void twoDrawsOfOneEvent_haveTheirOwnFolders() {
        PublishedDraw first = published(entries(3), 1, List.of());
        PublishedDraw second = published(entries(4), 2, List.of());

        assertThat(first.location()).isNotEqualTo(second.location()).contains(eventId);
        assertThat(results.read(first.location())).contains(first);
        assertThat(results.read(second.location())).contains(second);
    }

    @Test
    void publish_ofADrawThatNamesAnotherFolder_isRefused() {
        try (EntryList list = results.begin(eventId)) {
            PublishedDraw elsewhere = new PublishedDraw(eventId, 1, "c".repeat(64), "5".repeat(64), CLOSES_AT, DRAWN_AT,
                    0, List.of(), List.of(), list.location() + "other/");

            assertThatThrownBy(() -> list.publish(elsewhere)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void read_whereNothingWasEverBegun_isEmpty() {
        assertThat(results.read("draws/" + eventId + "/never/")).isEmpty();
    }
}
