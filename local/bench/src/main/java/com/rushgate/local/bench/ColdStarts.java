package com.rushgate.local.bench;

import com.rushgate.local.bench.probe.ColdStartProbe;
import com.rushgate.local.lambda.RuntimeJars;
import com.rushgate.local.template.StackModel.FunctionSpec;
import com.rushgate.local.triggers.Scheduler;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cold-start section. Every measurement is a fresh JVM whose class path holds only
 * {@link ColdStartProbe}, which loads one function jar and the Lambda runtime's own jars in a class
 * loader of their own, as the local stack's execution environments do; it gets the function's
 * environment from the template (pointing at the running stack) and nothing of ours. Measured per run: the time from
 * spawning the process to a constructed handler (what Lambda reports as Init Duration, JVM start
 * included), the first invocation, and warm invocations after it; once without and once after the
 * function's SnapStart priming. The hello-world jar, built the same way, is the yardstick. A last
 * part runs the Status function with each SDK HTTP client.
 */
final class ColdStarts {

    /** What the bench provides: real requests in the running stack for the invocations to act on. */
    interface Fixtures {
        /** A new open FCFS event of this capacity; its id. */
        String event(int capacity);

        /** Participations of these users, recorded and queued as Ingest would; their requestIds. */
        List<String> participations(String eventId, List<String> users) throws InterruptedException;
    }

    /**
     * One fresh JVM's readings, in milliseconds: wall times, then the process's CPU time (every
     * thread; JVM start included in init, as in initMs) and the classes loaded, which a busy machine
     * does not change.
     */
    record Run(double jvmStartMs, double initMs, double primingMs, double firstInvocationMs, double[] warmMs,
               String firstOutput, double initCpuMs, double firstInvocationCpuMs, long initClasses,
               long coldStartClasses) {

        double coldStartMs() {
            return initMs + firstInvocationMs;
        }

        double coldStartCpuMs() {
            return initCpuMs + firstInvocationCpuMs;
        }
    }

    private static final String PROBE_CLASS = ColdStartProbe.class.getName();
    private static final long LIMIT_SECONDS = 120;
    private static final String SAMPLE_EVENT_ID = "drop-1";
    private static final String SAMPLE_SUB = "5f0c9a6e-3b1d-4c7e-9d2a-1e8f7b6a5c4d";
    private static final String SAMPLE_REQUEST_ID = "rq_p5epocs3zg3aasllvab3vxcx3sma2hjq";

    private final Path root;
    private final List<FunctionSpec> functions;
    private final Map<String, Map<String, String>> environments;
    private final Fixtures fixtures;
    private final PrintStream console;
    private final Path work;
    private final Path probeDirectory;
    private int counter;

    ColdStarts(Path root, List<FunctionSpec> functions, Map<String, Map<String, String>> environments,
               Fixtures fixtures, PrintStream console) throws IOException {
        this.root = root;
        this.functions = functions;
        this.environments = environments;
        this.fixtures = fixtures;
        this.console = console;
        this.work = Files.createTempDirectory("rushgate-cold-start");
        this.probeDirectory = ColdStartProbe.unpackInto(work.resolve("probe"));
    }

    /** Runs the section into {@code report}: {@code runs} JVMs per function and mode, {@code warm} warm calls each. */
    void run(int runs, int warm, Report report) throws IOException, InterruptedException {
        Path hello = root.resolve("bench/hello/target/hello.jar");
        if (!Files.isRegularFile(hello)) {
            throw new IllegalStateException("no hello-world jar at " + hello + "; build it with 'mvn package'");
        }
        List<List<String>> rows = new ArrayList<>();
        List<Object> details = new ArrayList<>();
        Map<String, Object> coldStartMs = new LinkedHashMap<>();
        double helloColdStart = 0;
        double largestJarMb = 0;
        double slowestColdStart = 0;
        double slowestPrimedFirstCall = 0;
        double helloColdStartCpu = 0;
        double slowestColdStartCpu = 0;
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("hello-world", "com.rushgate.bench.hello.HelloHandler::handleRequest", hello,
                yardstickEnvironment(environments)));
        for (FunctionSpec function : functions) {
            targets.add(new Target(function.logicalId(), function.handler(), function.code(),
                    probeEnvironment(function.handler(), environments.get(function.logicalId()))));
        }
        for (Target target : targets) {
            Map<Boolean, List<Run>> byMode = new LinkedHashMap<>();
            for (boolean primed : List.of(false, true)) {
                List<Run> measured = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    console.printf("cold start: %s%s, run %d of %d...%n", target.name(), primed ? " (primed)" : "",
                            i + 1, runs);
                    // Warm calls only without priming: after the first call the two modes are the same.
                    measured.add(measure(target, primed, events(target, primed ? 1 : 1 + warm), List.of(), Map.of()));
                }
                byMode.put(primed, measured);
            }
            List<Run> plain = byMode.get(false);
            List<Run> primed = byMode.get(true);
            double jarMb = Files.size(target.jar()) / 1_048_576.0;
            double cold = median(plain, Run::coldStartMs);
            double coldCpu = median(plain, Run::coldStartCpuMs);
            if (target.name().equals("hello-world")) {
                helloColdStart = cold;
                helloColdStartCpu = coldCpu;
            } else {
                coldStartMs.put(target.name(), Report.round(cold));
                largestJarMb = Math.max(largestJarMb, jarMb);
                slowestColdStart = Math.max(slowestColdStart, cold);
                slowestColdStartCpu = Math.max(slowestColdStartCpu, coldCpu);
                slowestPrimedFirstCall = Math.max(slowestPrimedFirstCall, median(primed, Run::firstInvocationMs));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("function", target.name());
            detail.put("jarMb", Report.round(jarMb));
            detail.put("runs", runs);
            detail.put("jvmStartMs", Report.round(median(plain, Run::jvmStartMs)));
            detail.put("initMs", Report.round(median(plain, Run::initMs)));
            detail.put("firstInvocationMs", Report.round(median(plain, Run::firstInvocationMs)));
            detail.put("coldStartMs", Report.round(cold));
            detail.put("primingMs", Report.round(median(primed, Run::primingMs)));
            detail.put("firstInvocationAfterPrimingMs", Report.round(median(primed, Run::firstInvocationMs)));
            detail.put("warmP50Ms", Report.round(warmPercentile(plain, 50)));
            detail.put("initCpuMs", Report.round(median(plain, Run::initCpuMs)));
            detail.put("coldStartCpuMs", Report.round(coldCpu));
            detail.put("initClasses", Math.round(median(plain, Run::initClasses)));
            detail.put("coldStartClasses", Math.round(median(plain, Run::coldStartClasses)));
            detail.put("firstOutput", plain.get(0).firstOutput());
            details.add(detail);
            rows.add(List.of(target.name(), String.format(Locale.ROOT, "%.1f", jarMb),
                    Report.number(median(plain, Run::initMs)), Report.number(median(plain, Run::firstInvocationMs)),
                    Report.number(cold), Report.number(median(primed, Run::firstInvocationMs)),
                    Report.number(median(primed, Run::primingMs)), Report.number(warmPercentile(plain, 50)),
                    Report.number(coldCpu), String.format(Locale.ROOT, "%,d", Math.round(median(plain, Run::initClasses))),
                    String.format(Locale.ROOT, "%,d", Math.round(median(plain, Run::coldStartClasses)))));
        }
        report.detail("coldStart", details);
        report.table("Cold start: a fresh JVM per run, median of " + runs + " (ms; init = spawn to constructed handler;"
                        + " CPU = the process's, every thread; classes loaded after init and after the 1st call)",
                List.of("function", "jar MB", "init", "1st call", "init+1st", "1st call primed", "priming", "warm p50",
                        "init+1st CPU", "classes init", "classes 1st"),
                rows);
        report.put("coldStartMs", coldStartMs);
        report.put("helloColdStartMs", helloColdStart);
        // The goals of a lean function, in one place: the largest jar, the slowest cold start against
        // hello-world's, the slowest first call after priming.
        report.put("largestJarMb", Report.round(largestJarMb));
        report.put("coldStartRatio", Report.ratio(slowestColdStart, helloColdStart));
        // The same ratio in CPU time, which holds when other work shares the machine.
        report.put("coldStartCpuRatio", Report.ratio(slowestColdStartCpu, helloColdStartCpu));
        report.put("slowestPrimedFirstCallMs", Report.round(slowestPrimedFirstCall));
        httpClients(runs, warm, report);
    }

    /** The Status function with each SDK HTTP client: init, first call and warm calls. */
    private void httpClients(int runs, int warm, Report report) throws IOException, InterruptedException {
        FunctionSpec status = functions.stream().filter(f -> f.handler().startsWith("com.rushgate.status."))
                .findFirst().orElse(null);
        if (status == null) {
            return;
        }
        Target target = new Target(status.logicalId(), status.handler(), status.code(),
                environments.get(status.logicalId()));
        List<Path> crt = crtJars();
        List<List<String>> rows = new ArrayList<>();
        List<Object> details = new ArrayList<>();
        for (String client : List.of("url-connection", "apache", "crt")) {
            if (client.equals("crt") && crt.isEmpty()) {
                console.println("cold start: no CRT jars under local/bench/target/bench-lib; skipping the CRT client");
                continue;
            }
            List<Run> measured = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                console.printf("HTTP client %s: run %d of %d...%n", client, i + 1, runs);
                measured.add(measure(target, false, events(target, 1 + warm), client.equals("crt") ? crt : List.of(),
                        Map.of("SDK_HTTP_CLIENT", client)));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("client", client);
            detail.put("initMs", Report.round(median(measured, Run::initMs)));
            detail.put("firstInvocationMs", Report.round(median(measured, Run::firstInvocationMs)));
            detail.put("warmP50Ms", Report.round(warmPercentile(measured, 50)));
            detail.put("warmP99Ms", Report.round(warmPercentile(measured, 99)));
            details.add(detail);
            rows.add(List.of(client, Report.number(median(measured, Run::initMs)),
                    Report.number(median(measured, Run::firstInvocationMs)),
                    String.format(Locale.ROOT, "%.2f", warmPercentile(measured, 50)),
                    String.format(Locale.ROOT, "%.2f", warmPercentile(measured, 99))));
        }
        report.detail("httpClients", details);
        report.table("SDK HTTP clients, Status function (ms; warm = GetItem through the handler, " + warm + " calls per run)",
                List.of("client", "init", "1st call", "warm p50", "warm p99"), rows);
    }

    private record Target(String name, String handler, Path jar, Map<String, String> environment) {
    }

    /**
     * Hello-world runs with the JVM options every function gets from the template's globals
     * (JAVA_TOOL_OPTIONS), and nothing else of theirs: a yardstick run with other JIT settings than
     * the functions would flatter or harm every ratio.
     */
    static Map<String, String> yardstickEnvironment(Map<String, Map<String, String>> functionEnvironments) {
        return functionEnvironments.values().stream()
                .map(environment -> environment.get("JAVA_TOOL_OPTIONS"))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(options -> Map.of("JAVA_TOOL_OPTIONS", options))
                .orElse(Map.of());
    }

    /**
     * The environment a probe runs a function with. The reconciler's work is whatever the stack has
     * left in flight: by the time this section runs in a full bench, the ingest section's requests
     * (recorded and queued, their messages purged, no worker) are older than
     * RECONCILE_STALE_AFTER_SECONDS, so every invocation would requeue up to RECONCILE_MAX_PER_RUN of
     * them, each a send and a write, and a probe's 200 warm calls would resend tens of thousands: the
     * probe then ran past its limit. The probe measures the function's start and its fixed cost
     * (one query per status shard), so it gets the longest allowed thresholds: nothing is due.
     */
    static Map<String, String> probeEnvironment(String handler, Map<String, String> environment) {
        if (!handler.startsWith("com.rushgate.redrive.ReconcileHandler")) {
            return environment;
        }
        Map<String, String> quiet = new HashMap<>(environment);
        quiet.put("RECONCILE_RECEIVED_AFTER_SECONDS", Integer.toString(86_400));
        quiet.put("RECONCILE_STALE_AFTER_SECONDS", Integer.toString(7 * 86_400));
        return Map.copyOf(quiet);
    }

    private Run measure(Target target, boolean prime, List<Path> events, List<Path> extraJars,
                        Map<String, String> overrides) throws IOException, InterruptedException {
        Path result = work.resolve("result-" + (++counter) + ".txt");
        List<String> classPath = List.of(probeDirectory.toString());
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
                "-Xmx" + (memory * 85 / 100) + "m", "-cp", String.join(File.pathSeparator, classPath), PROBE_CLASS,
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
        Map<String, String> readings = readings(result, target);
        long main = Long.parseLong(readings.get("mainNanos"));
        long loaded = Long.parseLong(readings.get("loadedNanos"));
        long counted = Long.parseLong(readings.get("countedNanos"));
        long primed = Long.parseLong(readings.get("primedNanos"));
        long invoked = Long.parseLong(readings.get("invokedNanos"));
        String warm = readings.getOrDefault("warmNanos", "");
        double[] warmMs = warm.isEmpty() ? new double[0]
                : Arrays.stream(warm.split(",")).mapToDouble(n -> Long.parseLong(n) / 1e6).toArray();
        double initCpuMs = Long.parseLong(readings.get("loadedCpuNanos")) / 1e6;
        double firstCallCpuMs = (Long.parseLong(readings.get("invokedCpuNanos"))
                - Long.parseLong(readings.get("primedCpuNanos"))) / 1e6;
        return new Run((main - spawned) / 1e6, (loaded - spawned) / 1e6, (primed - counted) / 1e6,
                (invoked - primed) / 1e6, warmMs, readings.getOrDefault("firstOutput", ""), initCpuMs, firstCallCpuMs,
                Long.parseLong(readings.get("loadedClasses")), Long.parseLong(readings.get("invokedClasses")));
    }

    private Map<String, String> readings(Path result, Target target) throws IOException {
        if (!Files.isRegularFile(result)) {
            throw new IllegalStateException(target.name() + ": the probe wrote no result; see " + work);
        }
        Map<String, String> readings = new HashMap<>();
        for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                readings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        if (readings.containsKey("error")) {
            throw new IllegalStateException(target.name() + " failed in its probe: " + readings.get("error"));
        }
        return readings;
    }

    /** Event files for {@code count} invocations: each acts on its own fresh request where it matters. */
    private List<Path> events(Target target, int count) throws IOException, InterruptedException {
        List<String> payloads = new ArrayList<>();
        String handler = target.handler();
        String batch = "cs" + (++counter);
        if (handler.startsWith("com.rushgate.ingest.")) {
            String eventId = fixtures.event(1_000_000);
            String sample = sample("participate.json");
            for (int i = 0; i < count; i++) {
                payloads.add(sample.replace(SAMPLE_EVENT_ID, eventId).replace(SAMPLE_SUB, batch + "-user-" + i));
            }
        } else if (handler.startsWith("com.rushgate.status.")) {
            String eventId = fixtures.event(1_000_000);
            String user = batch + "-user";
            String requestId = fixtures.participations(eventId, List.of(user)).get(0);
            String sample = sample("status.json").replace(SAMPLE_REQUEST_ID, requestId).replace(SAMPLE_SUB, user);
            for (int i = 0; i < count; i++) {
                payloads.add(sample);
            }
        } else if (handler.startsWith("com.rushgate.worker.")) {
            String eventId = fixtures.event(1_000_000);
            List<String> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                users.add(batch + "-user-" + i);
            }
            String sample = sample("worker-batch.json");
            for (String requestId : fixtures.participations(eventId, users)) {
                payloads.add(sample.replace(SAMPLE_REQUEST_ID, requestId).replace(SAMPLE_EVENT_ID, eventId));
            }
        } else if (handler.startsWith("com.rushgate.redrive.RedriveHandler")) {
            for (int i = 0; i < count; i++) {
                payloads.add("{\"dryRun\":true,\"maxMessages\":1,\"reason\":\"bench\"}");
            }
        } else if (handler.startsWith("com.rushgate.redrive.ReconcileHandler")) {
            for (int i = 0; i < count; i++) {
                payloads.add(Scheduler.scheduledEvent(target.environment().getOrDefault("AWS_REGION", "eu-west-1"),
                        "arn:aws:events:eu-west-1:000000000000:rule/bench"));
            }
        } else {
            for (int i = 0; i < count; i++) {
                payloads.add("{\"n\":" + i + "}");
            }
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Path file = work.resolve(batch + "-event-" + i + ".json");
            Files.writeString(file, payloads.get(i), StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    private String sample(String name) throws IOException {
        return Files.readString(root.resolve("events").resolve(name), StandardCharsets.UTF_8);
    }

    /** The CRT client and its native library, copied next to the local jar by the build (never deployed). */
    private List<Path> crtJars() throws IOException {
        Path directory = root.resolve("local/bench/target/bench-lib");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("aws-crt")).sorted().toList();
        }
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

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> reading) {
        double[] values = runs.stream().mapToDouble(reading).sorted().toArray();
        return values.length == 0 ? 0 : values[values.length / 2];
    }

    private static double warmPercentile(List<Run> runs, double percentile) {
        double[] all = runs.stream().flatMapToDouble(run -> Arrays.stream(run.warmMs())).sorted().toArray();
        if (all.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100 * all.length) - 1;
        return all[Math.max(0, Math.min(all.length - 1, index))];
    }
}
