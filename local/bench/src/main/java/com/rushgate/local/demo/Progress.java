package com.rushgate.local.demo;

import java.io.PrintStream;

/** A one-line progress bar on a terminal; on anything else, a line every tenth of the way. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int lastTenth = -1;

    Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null;
    }

    synchronized void show(long done) {
        double fraction = Math.min(1.0, (double) done / total);
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf("\r%-10s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                    Math.round(fraction * 100), done, total);
            out.flush();
        } else {
            int tenth = (int) (fraction * 10);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.printf("%-10s %3d%% %d/%d%n", label, tenth * 10, done, total);
            }
        }
    }

    synchronized void finish(long done) {
        show(done);
        if (terminal) {
            out.println();
        }
    }
}
