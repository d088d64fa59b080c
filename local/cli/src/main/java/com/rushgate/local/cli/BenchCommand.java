package com.rushgate.local.cli;

import com.rushgate.local.bench.Bench;
import com.rushgate.local.bench.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"How fast Rushgate is on this machine: the emulators' own floor, ingest over HTTP at 1, 16, 64",
                "and 256 clients, the worker's drain rate, a burst against the synchronous design it replaces, a",
                "raffle (entries per second, time to draw and to finalise 100,000 entries, the draw's memory), and",
                "cold starts. Starts its own in-memory stack; everything stays on 127.0.0.1. The full run takes about",
                "30 minutes on 2 cores; --quick about 2. docs/BENCHMARKS.md explains the sections."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    Workspace workspace;

    @Mixin
    AwsLimitsOption awsLimits;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Size size = new Size();

    @Option(names = "--json", description = "End with every result as one JSON object on the last line.")
    boolean json;

    @Option(names = "--section", paramLabel = "NAME",
            description = {"Run only this section (repeatable): floor, ingest, drain, burst, raffle, cold-start.",
                    "Ingest and drain need the floor; raffle and cold-start need nothing else (cold-start takes",
                    "about 4 minutes in the full plan)."})
    List<String> sections = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write results.json, report.txt and the SVG charts into DIR (e.g. docs/bench).")
    Path out;

    static final class Size {
        @Option(names = "--quick", description = "Every section with small numbers (under 3 minutes on 2 cores).")
        boolean quick;

        @Option(names = "--smoke", description = "Tiny numbers that only prove every section runs (for CI).")
        boolean smoke;
    }

    @Override
    public Integer call() throws Exception {
        String plan = size.smoke ? "smoke" : size.quick ? "quick" : "full";
        PrintStream console = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
        PrintWriter stdout = spec.commandLine().getOut();
        int[] printed = {0};
        // Each section's table is shown, and the files rewritten, as soon as the section ends.
        Report report = Bench.run(plan, workspace.template(), workspace.stateDir().resolve("bench"),
                workspace.parameters, awsLimits.limits(), console, finished -> {
                    String text = finished.text();
                    stdout.print(text.substring(printed[0]));
                    stdout.flush();
                    printed[0] = text.length();
                    if (out != null) {
                        try {
                            finished.write(out.toAbsolutePath().normalize(), spec.commandLine().getErr());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }, Set.copyOf(sections));
        stdout.print(report.text().substring(printed[0]));
        if (json) {
            stdout.println(report.json());
        }
        stdout.flush();
        if (!report.failedSections().isEmpty()) {
            spec.commandLine().getErr().println("bench: sections failed: " + String.join(", ", report.failedSections()));
            return 1;
        }
        return 0;
    }
}
