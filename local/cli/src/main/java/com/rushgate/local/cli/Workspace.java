package com.rushgate.local.cli;

import com.rushgate.local.stack.StackOptions;
import com.rushgate.local.stack.StackState;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.Template;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the template and the local state live; every command shares these options. */
public final class Workspace {

    @Option(names = "--template", paramLabel = "FILE", description = "SAM template (default: template.yaml of the repository).")
    Path template;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Issuer key, secrets, logs and the running stack's endpoints (default: .rushgate of the repository).")
    Path stateDir;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "Template parameter override, like sam deploy --parameter-overrides; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    /** The command this workspace is mixed into: where its results and diagnostics go. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    static Path root() {
        String home = System.getenv("RUSHGATE_HOME");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    Path template() {
        return template != null ? template.toAbsolutePath().normalize() : root().resolve("template.yaml");
    }

    Path stateDir() {
        return stateDir != null ? stateDir.toAbsolutePath().normalize() : root().resolve(".rushgate");
    }

    StackOptions inMemoryOptions() {
        return StackOptions.inMemory(template(), stateDir()).withParameters(parameters);
    }

    Optional<StackState> running() {
        return StackState.find(stateDir());
    }

    StackState requireRunning() {
        return running().orElseThrow(() -> new CliException(
                "no running stack in " + stateDir() + "; start one with ./rushgate start"));
    }

    /** The template resolved without a running stack, for names that do not depend on endpoints. */
    StackModel model(Map<String, String> overrides, String region) {
        Template loaded = Template.load(template());
        Map<String, String> values = ParameterValues.of(loaded, overrides);
        LocalNames names = new LocalNames(loaded, values, region, URI.create("http://127.0.0.1:9324"),
                secret -> "unused-" + secret);
        return StackModel.resolve(loaded, names);
    }

    /** The model of the running stack (its parameters and region). */
    StackModel model(StackState state) {
        return model(state.parameters(), state.region());
    }
}
