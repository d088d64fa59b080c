package com.rushgate.local.bench;

import com.rushgate.local.bench.probe.ColdStartProbe;
import com.rushgate.local.lambda.RuntimeJars;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ColdStartProbe} in a fresh JVM whose class path holds the probe's classes alone, with
 * a function's environment and nothing else of ours, and reads what it measured. The probe's classes
 * are unpacked from our own jar into the work directory, where each run also leaves its result and
 * its output (for a failure's post-mortem).
 */
final class ProbeProcess {

    private static final String PROBE_CLASS = ColdStartProbe.class.getName();
    private static final long LIMIT_SECONDS = 120;

    private final Path work;
    private final Path probeDirectory;
    private int counter;

    ProbeProcess(Path work) throws IOException {
        this.work = work;
        this.probeDirectory = ColdStartProbe.unpackInto(work.resolve("probe"));
    }

    /**
     * One fresh JVM: loads the target's handler, primes it if {@code prime}, invokes it once per event
     * file, with a heap of 85% of the function's memory size.
     *
     * @param extraJars added after the function jar and the runtime's jars
     * @param overrides set over the target's environment
     * @throws IllegalStateException if the probe ran past its limit, wrote nothing, or reports an error
     */
    ProbeRun run(ProbeTarget target, boolean prime, List<Path> events, List<Path> extraJars,
                 Map<String, String> overrides) throws IOException, InterruptedException {
        Path result = work.resolve("result-" + (++counter) + ".txt");
        List<String> code = new ArrayList<>();
        code.add(target.jar().toString());
        for (URL url : RuntimeJars.urls()) {
            code.add(path(url).toString());
        }
        extraJars.forEach(jar -> code.add(jar.toString()));
        Map<String, String> environment = new HashMap<>(target.environment());
        environment.putAll(overrides);
        int memory = Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xmx" + (memory * 85 / 100) + "m", "-cp", probeDirectory.toString(), PROBE_CLASS,
                result.toString(), String.join(File.pathSeparator, code), target.handler(), Boolean.toString(prime)));
        events.forEach(event -> command.add(event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("output-" + counter + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        long spawned = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(target.name() + ": the probe did not finish in " + LIMIT_SECONDS + " s");
        }
        if (!Files.isRegularFile(result)) {
            throw new IllegalStateException(target.name() + ": the probe wrote no result; see " + work);
        }
        return ProbeRun.of(readings(target.name(), Files.readAllLines(result, StandardCharsets.UTF_8)), spawned);
    }

    /**
     * The {@code key=value} lines of a probe's result.
     *
     * @throws IllegalStateException naming the target if the probe reports an error
     */
    static Map<String, String> readings(String target, List<String> lines) {
        Map<String, String> readings = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                readings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        if (readings.containsKey("error")) {
            throw new IllegalStateException(target + " failed in its probe: " + readings.get("error"));
        }
        return readings;
    }

    private static Path path(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("not a file: " + url, e));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
