package com.rushgate.local.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line the way {@code ./rushgate} does, in a JVM of its own: {@code java -jar
 * local/cli/target/rushgate-local.jar} with the script's environment and the real standard streams,
 * which go to files (no pipe to fill) and are read back as a user would read them.
 */
final class RushgateProcess {

    /** What one run printed. */
    record Run(int exit, String out, String err) {
    }

    private RushgateProcess() {
    }

    static Path jar() {
        return TestStacks.root().resolve("local/cli/target/rushgate-local.jar");
    }

    static Run run(long timeoutSeconds, String... args) {
        Path streams = TestStacks.tempDir("rushgate-cli");
        Path out = streams.resolve("stdout");
        Path err = streams.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(TestStacks.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // As ./rushgate sets them.
        builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        builder.environment().put("DDB_LOCAL_TELEMETRY", "0");
        builder.environment().put("RUSHGATE_HOME", TestStacks.root().toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("rushgate " + String.join(" ", args) + " did not end within " + timeoutSeconds
                        + " s; stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
