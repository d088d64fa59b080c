package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command of the operators' API shares: where the API is (the running local
 * stack by default, {@code --api} or {@code --stack} for a deployed one) and {@code --json}.
 */
public final class AdminOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Workspace workspace;

    @Option(names = "--api", paramLabel = "URL",
            description = "A deployed stage's URL, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/Prod (signed with your AWS credentials).")
    String api;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "A deployed CloudFormation stack: its ApiUrl output is the API (signed with your AWS credentials).")
    String stack;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The deployed stack's region (default: as the aws CLI finds it, AWS_REGION or the profile's).")
    String region;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    /** The command these options are mixed into: where its results and diagnostics go. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The client of the API these options name; with no option, the running local stack's. */
    AdminClient client() {
        AdminTargets targets = new AdminTargets(workspace.stateDir(), AdminTargets.Aws.fromEnvironment(),
                AdminClient.defaultHttp(), Clock.systemUTC());
        return targets.client(targets.resolve(api, stack, region));
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Prints the answer: as it is with {@code --json}, else as {@code human} writes it. */
    void print(JsonNode answer, Consumer<PrintWriter> human) {
        if (json) {
            out().println(answer.isMissingNode() ? "" : answer.toString());
        } else {
            human.accept(out());
        }
        out().flush();
    }

    /** A path segment or query value, encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A new JSON object, for a request's body. */
    static ObjectNode body() {
        return JSON.createObjectNode();
    }
}
