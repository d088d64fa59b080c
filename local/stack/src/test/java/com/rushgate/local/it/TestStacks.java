package com.rushgate.local.it;

import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts local stacks for integration tests: the repository's template, free ports, a temporary state dir. */
public final class TestStacks {

    private TestStacks() {
    }

    public static Path root() {
        return Path.of(System.getProperty("rushgate.root", "..")).toAbsolutePath().normalize();
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every test client calls from 127.0.0.1, so WAF's per-IP rule would count the whole suite as
     * one client: test stacks lift it unless a test sets it.
     */
    public static final Map<String, String> SHARED_IP = Map.of("WafRateLimitPerIp", "2000000000");

    public static StackOptions options(Map<String, String> parameters) {
        Path state = tempDir("rushgate-it");
        Map<String, String> all = new HashMap<>(SHARED_IP);
        all.putAll(parameters);
        return StackOptions.inMemory(template(), state).withParameters(all);
    }

    public static LocalStack start(Map<String, String> parameters) {
        return LocalStack.start(options(parameters));
    }

    public static DynamoEventCatalog events(LocalStack stack) {
        return new DynamoEventCatalog(stack.clients().dynamoDb(), stack.model().functionVariable("EVENT_TABLE"));
    }
}
