package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The operators' commands as picocli reads them, and what they say before any call is made. */
class OperatorCommandLinesTest {

    @TempDir
    Path noStack;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyOperatorCommand_takesTheSharedTargetOptions() {
        for (String command : new String[] {"create-event", "list-events", "event", "close", "restock", "draw", "winners",
                "redrive"}) {
            CommandLine line = new CommandLine(new Main()).getSubcommands().get(command);
            assertThat(line.getCommandSpec().optionsMap()).as(command)
                    .containsKeys("--api", "--stack", "--region", "--json", "--state-dir");
        }
        assertThat(new CommandLine(new Main()).getSubcommands().get("dlq").getSubcommands().get("list").getCommandSpec()
                .optionsMap()).containsKeys("--api", "--stack", "--json", "--event", "--max");
    }

    @Test
    void positionalIdsAndOptions_areReadAsWritten() {
        ParseResult parsed = new CommandLine(new Main()).parseArgs("winners", "raffle-1", "--all", "--out", "w.txt",
                "--stack", "rushgate", "--region", "eu-west-1");
        WinnersCommand winners = (WinnersCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(winners.id).isEqualTo("raffle-1");
        assertThat(winners.pages.all).isTrue();
        assertThat(winners.file).isEqualTo(Path.of("w.txt"));
        assertThat(winners.admin.stack).isEqualTo("rushgate");
        assertThat(winners.admin.region).isEqualTo("eu-west-1");
    }

    @Test
    void aPageAndAll_together_areRefused() {
        Run both = run("winners", "raffle-1", "--page", "2", "--all");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void withoutARunningStackOrATarget_theCommandSaysHowToGetOne() {
        Run listed = run("list-events", "--state-dir", noStack.toString());

        assertThat(listed.exit()).isEqualTo(2);
        assertThat(listed.err()).startsWith("rushgate: no running stack in " + noStack)
                .contains("./rushgate start").contains("--stack NAME or --api URL");
        assertThat(listed.out()).isEmpty();
    }
}
