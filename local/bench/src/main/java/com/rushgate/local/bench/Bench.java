package com.rushgate.local.bench;

import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.stack.LimitsSummary;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ./rushgate bench}: how fast Rushgate is on this machine, against the emulators' own
 * limits and against the synchronous design it replaces. Sections, in order, a class each:
 * warm-up ({@link Ingest#warmUp}), floor ({@link Floor}), ingest ({@link Ingest}), drain
 * ({@link Drain}), burst ({@link Burst}, asynchronous and synchronous), raffle ({@link Raffle}), cold start
 * ({@link ColdStarts}); each writes its part of the {@link Report}, and this class runs them on one
 * stack ({@link BenchStack}).
 * Everything runs on 127.0.0.1 in one JVM, the load generator included, so every number shares
 * the machine with everything else; the report says which machine.
 */
public final class Bench {

    /**
     * Every bench client calls from 127.0.0.1 and reuses its token across sections: WAF's per-IP
     * and per-token rules would see one abusive client. Their cost (evaluating the rules) stays.
     */
    static final Map<String, String> PARAMETERS = Map.of(
            "WafRateLimitPerIp", "2000000000",
            "WafParticipationLimitPerUser", "2000000000");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(29);

    /** The bench's sections in the order they run (a name on the command line may use '-' for ' '). */
    public static final List<String> SECTIONS = List.of("floor", "ingest", "drain", "burst", "raffle", "cold start");

    private final Plan plan;
    private final PrintStream console;
    private final Optional<AwsLimits> limits;
    private final Consumer<Report> afterSection;
    /** The sections to run; empty runs them all. */
    private final Set<String> only;
    private final Report report = new Report();

    private Bench(Plan plan, PrintStream console, Optional<AwsLimits> limits, Consumer<Report> afterSection,
                  Set<String> only) {
        this.plan = plan;
        this.console = console;
        this.limits = limits;
        this.afterSection = afterSection;
        this.only = only;
    }

    /** Runs every section of the plan on a fresh in-memory stack built from {@code template}. */
    public static Report run(String planName, Path template, Path stateDir, Map<String, String> parameters,
                             PrintStream console) throws Exception {
        return run(planName, template, stateDir, parameters, Optional.empty(), console);
    }

    /** The same, on a stack that enforces AWS's limits at a scale (docs/aws-limits.md) when {@code limits} holds them. */
    public static Report run(String planName, Path template, Path stateDir, Map<String, String> parameters,
                             Optional<AwsLimits> limits, PrintStream console) throws Exception {
        return run(planName, template, stateDir, parameters, limits, console, report -> { });
    }

    /**
     * The same, telling {@code afterSection} each time a section has ended (passed or failed), so
     * that what is finished can be shown and written at once: a failure late in a long run loses
     * nothing. A failing section is recorded in the report ({@link Report#failedSections()}) and the
     * next sections still run.
     */
    public static Report run(String planName, Path template, Path stateDir, Map<String, String> parameters,
                             Optional<AwsLimits> limits, PrintStream console, Consumer<Report> afterSection)
            throws Exception {
        return run(planName, template, stateDir, parameters, limits, console, afterSection, Set.of());
    }

    /**
     * The same, running only the named sections ({@link #SECTIONS}; all of them when {@code only} is
     * empty), and the warm-up when a chosen section needs its tokens. A section that needs the floor's
     * rates (ingest, drain) fails without it, and says so.
     *
     * @throws IllegalArgumentException for a name that is no section
     */
    public static Report run(String planName, Path template, Path stateDir, Map<String, String> parameters,
                             Optional<AwsLimits> limits, PrintStream console, Consumer<Report> afterSection,
                             Set<String> only) throws Exception {
        Set<String> chosen = sections(only);
        Plan plan = switch (planName) {
            case "full" -> Plan.full();
            case "quick" -> Plan.quick();
            case "smoke" -> Plan.smoke();
            default -> throw new IllegalArgumentException("no bench plan " + planName);
        };
        Map<String, String> all = new HashMap<>(PARAMETERS);
        all.putAll(parameters);
        return new Bench(plan, console, limits, afterSection, chosen).run(template, stateDir, all);
    }

    /** The sections these names choose, '-' read as ' '; empty for all of them. */
    static Set<String> sections(Set<String> names) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : names) {
            String section = name.replace('-', ' ').trim();
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("no bench section '" + name + "'; the sections are "
                        + String.join(", ", SECTIONS));
            }
            chosen.add(section);
        }
        return Set.copyOf(chosen);
    }

    private Report run(Path template, Path stateDir, Map<String, String> parameters) throws Exception {
        Machine machine = Machine.current();
        console.println("machine: " + machine.describe());
        report.line("Rushgate bench (" + plan.name() + ") on " + machine.describe());
        report.detail("machine", machine.toMap());
        report.detail("plan", plan.name());
        StackOptions options = StackOptions.inMemory(template, stateDir).withParameters(parameters).withTriggers(false);
        if (limits.isPresent()) {
            options = options.withAwsLimits(limits.get());
            limits.get().describe().forEach(console::println);
            report.line(limits.get().describe().get(0));
        }
        try (LocalStack stack = LocalStack.start(options); HttpLoad load = new HttpLoad(REQUEST_TIMEOUT)) {
            BenchStack bench = new BenchStack(stack, console);
            Ingest ingest = new Ingest(bench, plan, console);
            // The warm-up mints the tokens that the ingest, burst and raffle sections send with.
            boolean warmUp = wanted("ingest") || wanted("burst") || wanted("raffle");
            Sections sections = new Sections(report, console, afterSection,
                    (warmUp ? 1 : 0) + (int) SECTIONS.stream().filter(this::wanted).count());
            if (warmUp) {
                sections.run("warm-up", () -> {
                    bench.mintTokens(plan.burstUsers());
                    ingest.warmUp(load);
                });
            }
            // Later sections compare with the floor; without it they fail, and say so.
            Map<Integer, Floor.Rates> floors = new LinkedHashMap<>();
            if (wanted("floor")) {
                sections.run("floor", () -> floors.putAll(new Floor(stack).run(plan, report, console)));
            }
            if (wanted("ingest")) {
                sections.run("ingest", () -> ingest.run(load, requireFloors(floors), report));
            }
            if (wanted("drain")) {
                sections.run("drain", () -> new Drain(bench, plan, console).run(requireFloors(floors), report));
            }
            if (wanted("burst")) {
                sections.run("burst", () -> new Burst(bench, plan, console)
                        .run(load, Optional.ofNullable(floors.get(plan.referenceLevel())), report));
            }
            if (wanted("raffle")) {
                sections.run("raffle", () -> new Raffle(bench, plan, console).run(load, report));
            }
            if (wanted("cold start")) {
                sections.run("cold start", () -> coldStarts(bench, template.toAbsolutePath().getParent())
                        .run(plan.coldStartRuns(), plan.coldStartWarmCalls(), plan.coldStartPrimed(), report));
            }
            LimitsSummary.of(stack, 0).forEach((key, value) -> {
                if (!key.equals("writeUnitsPerParticipation")) {
                    report.put(key, value);
                }
            });
            sections.finish();
        }
        return report;
    }

    private boolean wanted(String section) {
        return only.isEmpty() || only.contains(section);
    }

    private static Map<Integer, Floor.Rates> requireFloors(Map<Integer, Floor.Rates> floors) {
        if (floors.isEmpty()) {
            throw new IllegalStateException("needs the floor section's rates, and the floor section failed");
        }
        return floors;
    }

    /** The cold-start section on the stack's functions, with their environments, acting on real requests. */
    private ColdStarts coldStarts(BenchStack bench, Path root) throws IOException {
        LocalStack stack = bench.stack();
        Map<String, Map<String, String>> environments = new HashMap<>();
        stack.model().functions().forEach(f -> environments.put(f.logicalId(), stack.functionEnvironment(f.logicalId())));
        ProbeEvents.Fixtures fixtures = new ProbeEvents.Fixtures() {
            @Override
            public String event(int capacity) {
                return bench.event("cold", capacity);
            }

            @Override
            public List<String> participations(String eventId, List<String> users) throws InterruptedException {
                return bench.participate(eventId, users);
            }
        };
        return new ColdStarts(root, stack.model().functions(), environments, fixtures, console);
    }
}
