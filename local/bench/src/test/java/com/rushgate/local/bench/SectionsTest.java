package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bench that never loses a run: a failing section is reported, the others run, and each end is announced. */
class SectionsTest {

    @Test
    void aFailingSection_isRecorded_theNextStillRuns_andEverySectionsEndIsAnnounced() throws Exception {
        Report report = new Report();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<String> textAtEachEnd = new ArrayList<>();
        Sections sections = new Sections(report, new PrintStream(progress, true, StandardCharsets.UTF_8),
                finished -> textAtEachEnd.add(finished.text()), 3);
        List<String> ran = new ArrayList<>();

        sections.run("first", () -> {
            ran.add("first");
            report.line("first table");
        });
        sections.run("second", () -> {
            throw new IllegalStateException("the probe did not finish in 120 s");
        });
        sections.run("third", () -> ran.add("third"));
        sections.finish();

        assertThat(ran).containsExactly("first", "third");
        assertThat(report.failedSections()).containsExactly("second");
        assertThat(report.summary().get("failedSections")).isEqualTo(List.of("second"));
        assertThat(report.json()).contains("\"failures\":{\"second\":\"java.lang.IllegalStateException: the probe did not finish in 120 s\"}");
        assertThat(textAtEachEnd).hasSize(4);
        assertThat(textAtEachEnd.get(0)).contains("first table");
        assertThat(textAtEachEnd.get(1)).contains("Section second FAILED: java.lang.IllegalStateException");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("bench: section 1 of 3, first", "bench: section 3 of 3, third", "second FAILED");
    }

    @Test
    void everySectionPassing_leavesFailedSectionsEmpty() throws Exception {
        Report report = new Report();
        Sections sections = new Sections(report, new PrintStream(new ByteArrayOutputStream(), true), r -> { }, 1);
        sections.run("only", () -> { });
        sections.finish();
        assertThat(report.failedSections()).isEmpty();
        assertThat(report.summary().get("failedSections")).isEqualTo(List.of());
    }
}
