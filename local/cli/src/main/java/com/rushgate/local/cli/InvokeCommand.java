package com.rushgate.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Runs one function once with an event file and prints its response, like sam local invoke",
                "without Docker: against the running stack if there is one, else a throwaway in-memory stack."})
final class InvokeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    Workspace workspace;

    @Parameters(index = "0", paramLabel = "LogicalId", description = "The function's logical id in the template.")
    String function;

    @Option(names = {"--event", "-e"}, required = true, paramLabel = "FILE", description = "The event JSON, e.g. events/participate.json.")
    Path event;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(event)) {
            throw new CliException("no event file " + event);
        }
        String payload = Files.readString(event);
        Optional<StackState> running = workspace.running();
        if (running.isEmpty()) {
            workspace.err().println("no running stack: starting a throwaway in-memory one");
        }
        try (LocalStack stack = running.isPresent()
                ? LocalStack.attach(workspace.inMemoryOptions().withParameters(running.get().parameters()), running.get())
                : LocalStack.start(workspace.inMemoryOptions().withTriggers(false))) {
            Invocation invocation = stack.invoke(function, payload);
            String text = invocation.payloadText();
            try {
                text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(invocation.payload()));
            } catch (IOException notJson) {
                // print it as it came
            }
            workspace.out().println(text);
            workspace.err().printf("%s %s in %d ms%s%n", function, invocation.succeeded() ? "succeeded" : "failed ("
                    + invocation.errorType() + ")", invocation.duration().toMillis(), invocation.coldStart() ? " (cold start)" : "");
            return invocation.succeeded() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
