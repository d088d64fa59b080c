package com.rushgate.local.bench;

import com.rushgate.local.bench.probe.ColdStartProbe;
import com.rushgate.local.template.StackModel.FunctionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The cold-start section. Every measurement is a fresh JVM whose class path holds only
 * {@link ColdStartProbe}, which loads one function jar and the Lambda runtime's own jars in a class
 * loader of their own, as the local stack's execution environments do ({@link ProbeProcess}); it
 * gets the function's environment from the template (pointing at the running stack) and nothing of
 * ours, and events that act on real requests ({@link ProbeEvents}). Measured per run: the time from
 * spawning the process to a constructed handler (what Lambda reports as Init Duration, JVM start
 * included), the first invocation, and warm invocations after it; once without and once after the
 * function's SnapStart priming. The hello-world jar, built the same way, is the yardstick. A last
 * part runs the Status function with each SDK HTTP client.
 */
final class ColdStarts {

    private static final String HELLO = "hello-world";

    /** One target's runs without priming and with it. */
    private record Measured(ProbeTarget target, List<ProbeRun> plain, List<ProbeRun> primed) {
    }

    private final Path root;
    private final List<FunctionSpec> functions;
    private final Map<String, Map<String, String>> environments;
    private final PrintStream console;
    private final ProbeProcess probes;
    private final ProbeEvents events;

    /**
     * @param root         the repository: the hello-world jar, the sample events and the CRT jars are found from it
     * @param environments each function's environment in the running stack, by logical id
     */
    ColdStarts(Path root, List<FunctionSpec> functions, Map<String, Map<String, String>> environments,
               ProbeEvents.Fixtures fixtures, PrintStream console) throws IOException {
        this.root = root;
        this.functions = functions;
        this.environments = environments;
        this.console = console;
        Path work = Files.createTempDirectory("rushgate-cold-start");
        this.probes = new ProbeProcess(work);
        this.events = new ProbeEvents(root, work, fixtures);
    }

    /**
     * Runs the section into {@code report}: {@code runs} JVMs per function and mode, {@code warm} warm
     * calls each; with {@code primed}, each function is also measured after its SnapStart priming.
     */
    void run(int runs, int warm, boolean primed, Report report) throws IOException, InterruptedException {
        Path hello = root.resolve("bench/hello/target/hello.jar");
        if (!Files.isRegularFile(hello)) {
            throw new IllegalStateException("no hello-world jar at " + hello + "; build it with 'mvn package'");
        }
        List<ProbeTarget> targets = new ArrayList<>();
        targets.add(new ProbeTarget(HELLO, "com.rushgate.bench.hello.HelloHandler::handleRequest", hello,
                yardstickEnvironment(environments)));
        for (FunctionSpec function : functions) {
            targets.add(new ProbeTarget(function.logicalId(), function.handler(), function.code(),
                    probeEnvironment(function.handler(), environments.get(function.logicalId()))));
        }
        List<Measured> measured = new ArrayList<>();
        for (ProbeTarget target : targets) {
            Map<Boolean, List<ProbeRun>> byMode = new LinkedHashMap<>();
            byMode.put(true, List.of());
            for (boolean primedMode : primed ? List.of(false, true) : List.of(false)) {
                List<ProbeRun> runsOfMode = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    console.printf("cold start: %s%s, run %d of %d...%n", target.name(), primedMode ? " (primed)" : "",
                            i + 1, runs);
                    // Warm calls only without priming: after the first call the two modes are the same.
                    runsOfMode.add(probes.run(target, primedMode, events.events(target, primedMode ? 1 : 1 + warm),
                            List.of(), Map.of()));
                }
                byMode.put(primedMode, runsOfMode);
            }
            measured.add(new Measured(target, byMode.get(false), byMode.get(true)));
        }
        report(measured, runs, report);
        httpClients(runs, warm, report);
    }

    /**
     * The section's part of the report, in one place: a detail and a table row per target, and the
     * summary fields; the goals of a lean function among them (the largest jar, the slowest cold
     * start against hello-world's, the slowest first call after priming).
     */
    private static void report(List<Measured> measured, int runs, Report report) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<Object> details = new ArrayList<>();
        Map<String, Object> coldStartMs = new LinkedHashMap<>();
        double helloColdStart = 0;
        double largestJarMb = 0;
        double slowestColdStart = 0;
        double slowestPrimedFirstCall = 0;
        double helloColdStartCpu = 0;
        double slowestColdStartCpu = 0;
        for (Measured target : measured) {
            List<ProbeRun> plain = target.plain();
            List<ProbeRun> primed = target.primed();
            String name = target.target().name();
            double jarMb = Files.size(target.target().jar()) / 1_048_576.0;
            double cold = ProbeRun.median(plain, ProbeRun::coldStartMs);
            double coldCpu = ProbeRun.median(plain, ProbeRun::coldStartCpuMs);
            long initClasses = Math.round(ProbeRun.median(plain, ProbeRun::initClasses));
            long coldStartClasses = Math.round(ProbeRun.median(plain, ProbeRun::coldStartClasses));
            double primedFirstCall = ProbeRun.median(primed, ProbeRun::firstInvocationMs);
            long primedFirstCallClasses = Math.round(ProbeRun.median(primed, ProbeRun::firstInvocationClasses));
            if (name.equals(HELLO)) {
                helloColdStart = cold;
                helloColdStartCpu = coldCpu;
            } else {
                coldStartMs.put(name, Report.round(cold));
                largestJarMb = Math.max(largestJarMb, jarMb);
                slowestColdStart = Math.max(slowestColdStart, cold);
                slowestColdStartCpu = Math.max(slowestColdStartCpu, coldCpu);
                slowestPrimedFirstCall = Math.max(slowestPrimedFirstCall, primedFirstCall);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("function", name);
            detail.put("jarMb", Report.round(jarMb));
            detail.put("runs", runs);
            detail.put("jvmStartMs", Report.round(ProbeRun.median(plain, ProbeRun::jvmStartMs)));
            detail.put("initMs", Report.round(ProbeRun.median(plain, ProbeRun::initMs)));
            detail.put("firstInvocationMs", Report.round(ProbeRun.median(plain, ProbeRun::firstInvocationMs)));
            detail.put("coldStartMs", Report.round(cold));
            detail.put("primingMs", Report.round(ProbeRun.median(primed, ProbeRun::primingMs)));
            detail.put("firstInvocationAfterPrimingMs", Report.round(primedFirstCall));
            detail.put("firstInvocationAfterPrimingClasses", primedFirstCallClasses);
            detail.put("warmP50Ms", Report.round(ProbeRun.warmPercentile(plain, 50)));
            detail.put("initCpuMs", Report.round(ProbeRun.median(plain, ProbeRun::initCpuMs)));
            detail.put("coldStartCpuMs", Report.round(coldCpu));
            detail.put("initClasses", initClasses);
            detail.put("coldStartClasses", coldStartClasses);
            detail.put("firstOutput", plain.get(0).firstOutput());
            details.add(detail);
            rows.add(List.of(name, String.format(Locale.ROOT, "%.1f", jarMb),
                    Report.number(ProbeRun.median(plain, ProbeRun::initMs)),
                    Report.number(ProbeRun.median(plain, ProbeRun::firstInvocationMs)), Report.number(cold),
                    Report.number(primedFirstCall), Report.number(ProbeRun.median(primed, ProbeRun::primingMs)),
                    Report.number(ProbeRun.warmPercentile(plain, 50)), Report.number(coldCpu),
                    String.format(Locale.ROOT, "%,d", initClasses), String.format(Locale.ROOT, "%,d", coldStartClasses),
                    String.format(Locale.ROOT, "%,d", primedFirstCallClasses)));
        }
        report.detail("coldStart", details);
        report.table("Cold start: a fresh JVM per run, median of " + runs + " (ms; init = spawn to constructed handler;"
                        + " CPU = the process's, every thread; classes loaded after init, after the 1st call, and by the"
                        + " 1st call after priming)",
                List.of("function", "jar MB", "init", "1st call", "init+1st", "1st call primed", "priming", "warm p50",
                        "init+1st CPU", "classes init", "classes 1st", "classes 1st primed"),
                rows);
        report.put("coldStartMs", coldStartMs);
        report.put("helloColdStartMs", helloColdStart);
        report.put("largestJarMb", Report.round(largestJarMb));
        report.put("coldStartRatio", Report.ratio(slowestColdStart, helloColdStart));
        // The same ratio in CPU time, which holds when other work shares the machine.
        report.put("coldStartCpuRatio", Report.ratio(slowestColdStartCpu, helloColdStartCpu));
        report.put("slowestPrimedFirstCallMs", Report.round(slowestPrimedFirstCall));
    }

    /** The Status function with each SDK HTTP client: init, first call and warm calls. */
    private void httpClients(int runs, int warm, Report report) throws IOException, InterruptedException {
        FunctionSpec status = functions.stream().filter(f -> f.handler().startsWith("com.rushgate.status."))
                .findFirst().orElse(null);
        if (status == null) {
            return;
        }
        ProbeTarget target = new ProbeTarget(status.logicalId(), status.handler(), status.code(),
                environments.get(status.logicalId()));
        List<Path> crt = crtJars();
        List<List<String>> rows = new ArrayList<>();
        List<Object> details = new ArrayList<>();
        for (String client : List.of("url-connection", "apache", "crt")) {
            if (client.equals("crt") && crt.isEmpty()) {
                console.println("cold start: no CRT jars under local/bench/target/bench-lib; skipping the CRT client");
                continue;
            }
            List<ProbeRun> measured = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                console.printf("HTTP client %s: run %d of %d...%n", client, i + 1, runs);
                measured.add(probes.run(target, false, events.events(target, 1 + warm),
                        client.equals("crt") ? crt : List.of(), Map.of("SDK_HTTP_CLIENT", client)));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("client", client);
            detail.put("initMs", Report.round(ProbeRun.median(measured, ProbeRun::initMs)));
            detail.put("firstInvocationMs", Report.round(ProbeRun.median(measured, ProbeRun::firstInvocationMs)));
            detail.put("warmP50Ms", Report.round(ProbeRun.warmPercentile(measured, 50)));
            detail.put("warmP99Ms", Report.round(ProbeRun.warmPercentile(measured, 99)));
            details.add(detail);
            rows.add(List.of(client, Report.number(ProbeRun.median(measured, ProbeRun::initMs)),
                    Report.number(ProbeRun.median(measured, ProbeRun::firstInvocationMs)),
                    Report.twoDecimals(ProbeRun.warmPercentile(measured, 50)),
                    Report.twoDecimals(ProbeRun.warmPercentile(measured, 99))));
        }
        report.detail("httpClients", details);
        report.table("SDK HTTP clients, Status function (ms; warm = GetItem through the handler, " + warm + " calls per run)",
                List.of("client", "init", "1st call", "warm p50", "warm p99"), rows);
    }

    /**
     * Hello-world runs with the JVM options every function gets from the template's globals
     * (JAVA_TOOL_OPTIONS), and nothing else of theirs: a yardstick run with other JIT settings than
     * the functions would flatter or harm every ratio.
     */
    static Map<String, String> yardstickEnvironment(Map<String, Map<String, String>> functionEnvironments) {
        return functionEnvironments.values().stream()
                .map(environment -> environment.get("JAVA_TOOL_OPTIONS"))
                .filter(Objects::nonNull)
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
}
