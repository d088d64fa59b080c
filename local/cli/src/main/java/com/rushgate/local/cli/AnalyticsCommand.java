package com.rushgate.local.cli;

import com.rushgate.local.analytics.AnalyticsPage;
import com.rushgate.local.analytics.AnalyticsReport;
import com.rushgate.local.analytics.Answer;
import com.rushgate.local.analytics.LakeAnalytics;
import com.rushgate.local.stack.StackOptions;
import com.rushgate.local.stack.StackState;
import com.rushgate.local.template.StackModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = {"Answers the analytics questions of the template's Athena named queries (analytics/*.sql) with",
                "DuckDB over the local data lake: latency percentiles per event and hour, outcomes, DLQ rate,",
                "time to sell out, raffle draws. Reads the running stack's lake, else the newest lake in the state",
                "directory."})
final class AnalyticsCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Spec
    CommandSpec spec;

    @Option(names = "--event", paramLabel = "EVENT", description = "Only this event's rows.")
    String eventId;

    @Option(names = "--json", description = "Print the answers as one JSON object.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained page with a latency histogram and the outcome split.")
    Path html;

    @Option(names = "--lake", paramLabel = "DIR", description = "The lake to read (default: the running stack's, else the newest one).")
    Path lake;

    @Override
    public void run() {
        Optional<StackState> running = workspace.running();
        StackModel model = running.map(workspace::model)
                .orElseGet(() -> workspace.model(workspace.parameters, StackOptions.DEFAULT_REGION));
        Path chosen = lake != null ? lake.toAbsolutePath().normalize()
                : running.map(StackState::lake).or(this::newestLake).orElseThrow(() -> new CliException(
                        "no data lake in " + workspace.stateDir().resolve("lake")
                                + "; start a stack (./rushgate start) or run ./rushgate demo first"));
        if (!Files.isDirectory(chosen)) {
            throw new CliException("no data lake at " + chosen);
        }
        List<Answer> answers;
        try (LakeAnalytics analytics = LakeAnalytics.open(model, chosen)) {
            List<String> events = eventId == null ? List.of() : analytics.events();
            if (eventId != null && !events.contains(eventId)) {
                throw new CliException("the lake at " + chosen + " holds no record of event " + eventId
                        + (events.isEmpty() ? " (it holds none yet" : " (it holds " + String.join(", ", events))
                        + "; records arrive within AnalyticsBufferSeconds of their final state)");
            }
            answers = analytics.askAll(eventId);
        }
        AnalyticsReport report = new AnalyticsReport(answers, chosen.toString(), eventId);
        if (json) {
            spec.commandLine().getOut().println(report.toJson());
        } else {
            spec.commandLine().getOut().print(report.toText());
            if (running.isPresent()) {
                spec.commandLine().getOut().println("\n(Records reach the lake when the delivery stream's buffer is written:"
                        + " within AnalyticsBufferSeconds of their final state.)");
            }
        }
        if (html != null) {
            try {
                Files.writeString(html, AnalyticsPage.render(answers, chosen.toString(), eventId, Instant.now()));
            } catch (IOException e) {
                throw new CliException("cannot write " + html.toAbsolutePath() + ": " + e);
            }
            spec.commandLine().getErr().println("wrote " + html.toAbsolutePath());
        }
    }

    /** The lake of the latest in-memory run in the state directory: run folders are named by their start time. */
    private Optional<Path> newestLake() {
        Path lakes = workspace.stateDir().resolve("lake");
        if (!Files.isDirectory(lakes)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(lakes)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(run -> run.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
