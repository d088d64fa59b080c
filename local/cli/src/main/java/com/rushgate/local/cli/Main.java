package com.rushgate.local.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The rushgate command line: the local stack and the tools around it. */
@Command(name = "rushgate", mixinStandardHelpOptions = true, version = "rushgate 1.0",
        description = "Rushgate on one machine, built from template.yaml: no Docker, no AWS account, no network.",
        subcommands = {StartCommand.class, DemoCommand.class, TokenCommand.class, CreateEventCommandLine.class,
                ListEventsCommand.class, EventCommand.class, CloseCommand.class, RestockCommand.class,
                DrawCommandLine.class, WinnersCommand.class, DlqCommand.class, RedriveCommandLine.class,
                InvokeCommand.class, ChaosCommand.class, VerifyDrawCommand.class, AnalyticsCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // The stack closes everything in its own shutdown hook; the libraries' hooks only race it.
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        System.setProperty("pekko.jvm-shutdown-hooks", "off");
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs a command line writing results to {@code out} and diagnostics to {@code err}, and flushes
     * both before it returns: an auto-flushing writer only flushes on println, and {@link #main}
     * exits the JVM right after, so a result printed with print would otherwise never be seen.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return execute(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            if (failure instanceof AdminException refused) {
                line.getErr().println(refused.line());
                return refused.exitCode();
            }
            if (failure instanceof CliException || failure instanceof IllegalArgumentException) {
                line.getErr().println("rushgate: " + failure.getMessage());
                return 2;
            }
            throw failure;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
