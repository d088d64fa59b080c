package com.rushgate.local.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs the bench's sections one after another so that none can take the run down: each one's
 * failure is recorded in the report with its reason and the next section runs; after each one the
 * listener is told, so that what has finished is shown and written at once; a progress line says
 * how far the run is.
 */
final class Sections {

    /** One section's work. */
    interface Section {
        void run() throws Exception;
    }

    private final Report report;
    private final PrintStream progress;
    private final Consumer<Report> afterSection;
    private final int total;
    private final long started = System.nanoTime();
    private int done;

    Sections(Report report, PrintStream progress, Consumer<Report> afterSection, int total) {
        this.report = report;
        this.progress = progress;
        this.afterSection = afterSection;
        this.total = total;
    }

    void run(String name, Section section) throws InterruptedException {
        int number = done + 1;
        progress.printf(Locale.ROOT, "bench: section %d of %d, %s, at %s%n", number, total, name, elapsed());
        long sectionStarted = System.nanoTime();
        try {
            section.run();
            progress.printf(Locale.ROOT, "bench: %s done in %s (%d of %d sections, %s so far)%n", name,
                    duration(System.nanoTime() - sectionStarted), number, total, elapsed());
        } catch (InterruptedException e) {
            report.fail(name, e);
            throw e;
        } catch (Exception | AssertionError e) {
            report.fail(name, e);
            progress.printf(Locale.ROOT, "bench: %s FAILED after %s: %s; the other sections still run%n", name,
                    duration(System.nanoTime() - sectionStarted), e);
        } finally {
            done++;
        }
        afterSection.accept(report);
    }

    /** Records the outcome in the summary once every section has run. */
    void finish() {
        report.put("failedSections", report.failedSections());
        afterSection.accept(report);
    }

    private String elapsed() {
        return duration(System.nanoTime() - started);
    }

    private static String duration(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
