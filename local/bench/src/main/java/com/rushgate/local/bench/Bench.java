package com.rushgate.local.bench;

import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.Participation;
import com.rushgate.core.app.port.BusinessMetrics;
import com.rushgate.core.aws.DynamoEventCatalog;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.aws.SqsWorkQueue;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.auth.TokenVerifier;
import com.rushgate.local.gateway.Gateway;
import com.rushgate.local.lambda.Invoker;
import com.rushgate.local.lambda.QuotaInvoker;
import com.rushgate.local.load.DecisionTimes;
import com.rushgate.local.load.Fairness;
import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import com.rushgate.local.load.RequestTableReads;
import com.rushgate.local.load.RetryPolicy;
import com.rushgate.local.limits.AwsLimits;
import com.rushgate.local.limits.LimitsCounters;
import com.rushgate.local.stack.LimitsSummary;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.stack.StackOptions;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.SqsTrigger;
import com.rushgate.local.triggers.SqsPoller;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ./rushgate bench}: how fast Rushgate is on this machine, against the emulators' own
 * limits and against the synchronous design it replaces. Sections: floor, ingest, drain, burst
 * (asynchronous and synchronous), cold start. Everything runs on 127.0.0.1 in one JVM, the load
 * generator included, so every number shares the machine with everything else; the report says
 * which machine.
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
    /** Bounds the warm-up in count as well as in time. */
    private static final int WARMUP_MAX_REQUESTS = 500_000;

    private final Plan plan;
    private final PrintStream console;
    private final Report report = new Report();
    private LocalStack stack;
    private String[] tokens;
    private Optional<AwsLimits> limits = Optional.empty();
    private Consumer<Report> afterSection = report -> { };
    /** The sections to run; empty runs them all. */
    private Set<String> only = Set.of();

    /** The bench's sections in the order they run (a name on the command line may use '-' for ' '). */
    public static final List<String> SECTIONS = List.of("floor", "ingest", "drain", "burst", "cold start");

    private Bench(Plan plan, PrintStream console) {
        this.plan = plan;
        this.console = console;
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
        Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String name : only) {
            String section = name.replace('-', ' ').trim();
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("no bench section '" + name + "'; the sections are "
                        + String.join(", ", SECTIONS));
            }
            chosen.add(section);
        }
        Plan plan = switch (planName) {
            case "full" -> Plan.full();
            case "quick" -> Plan.quick();
            case "smoke" -> Plan.smoke();
            default -> throw new IllegalArgumentException("no bench plan " + planName);
        };
        Map<String, String> all = new HashMap<>(PARAMETERS);
        all.putAll(parameters);
        Bench bench = new Bench(plan, console);
        bench.only = Set.copyOf(chosen);
        bench.limits = limits;
        bench.afterSection = afterSection;
        return bench.run(template, stateDir, all);
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
        try (LocalStack started = LocalStack.start(options); HttpLoad load = new HttpLoad(REQUEST_TIMEOUT)) {
            this.stack = started;
            boolean warmUp = wanted("ingest") || wanted("burst");
            Sections sections = new Sections(report, console, afterSection,
                    (warmUp ? 1 : 0) + (int) SECTIONS.stream().filter(this::wanted).count());
            if (warmUp) {
                sections.run("warm-up", () -> {
                    mintTokens(plan.burstUsers());
                    warmUp(load);
                });
            }
            // Later sections compare with the floor; without it they fail, and say so.
            Map<Integer, Floor.Rates> floors = new LinkedHashMap<>();
            if (wanted("floor")) {
                sections.run("floor", () -> floors.putAll(floor()));
            }
            if (wanted("ingest")) {
                sections.run("ingest", () -> ingest(load, requireFloors(floors)));
            }
            if (wanted("drain")) {
                sections.run("drain", () -> drain(requireFloors(floors)));
            }
            if (wanted("burst")) {
                sections.run("burst", () -> burst(load, Optional.ofNullable(floors.get(plan.referenceLevel()))));
            }
            if (wanted("cold start")) {
                sections.run("cold start", () -> coldStart(template.toAbsolutePath().getParent()));
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

    // ------------------------------------------------------------------ tokens and warm-up

    private void mintTokens(int users) {
        console.printf("minting %,d ID tokens...%n", users);
        LocalIssuer issuer = stack.issuer().orElseThrow(() -> new IllegalStateException("the API has no authorizer"));
        tokens = new String[users];
        IntStream.range(0, users).parallel().forEach(i -> tokens[i] = issuer.token("bench-user-" + i, Duration.ofHours(2)));
    }

    private void warmUp(HttpLoad load) throws InterruptedException {
        console.printf("warming up: %d s of ingest at 16 clients%n", plan.warmup().toSeconds());
        String eventId = event("warmup", 1_000_000_000);
        load.run(WARMUP_MAX_REQUESTS, 16, plan.warmup(), i -> participation(apiEndpoint(), eventId, i), (i, s, b) -> { });
    }

    // ------------------------------------------------------------------ floor

    private Map<Integer, Floor.Rates> floor() throws InterruptedException {
        Floor floor = new Floor(stack);
        Map<Integer, Floor.Rates> rates = new LinkedHashMap<>();
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int level : plan.levels()) {
            console.printf("floor at %d threads...%n", level);
            Floor.Rates measured = floor.measure(level, plan.floorEach());
            rates.put(level, measured);
            details.add(measured.toMap());
            rows.add(List.of(Integer.toString(level), Report.number(measured.conditionalPut()),
                    Report.number(measured.conditionalUpdate()), Report.number(measured.sqsSend()),
                    Report.number(measured.transaction()), Report.number(measured.ingestPerSecond()),
                    Report.number(measured.drainPerSecond())));
        }
        purgeWorkQueue();
        report.detail("floor", details);
        report.table("Floor: operations per second of the emulators, and the best rates they allow",
                List.of("threads", "cond. put", "cond. update", "SQS send", "transaction", "ingest floor", "drain floor"),
                rows);
        Floor.Rates reference = rates.get(plan.referenceLevel());
        report.put("floorIngestPerSecond", reference.ingestPerSecond());
        report.put("floorDrainPerSecond", reference.drainPerSecond());
        return rates;
    }

    // ------------------------------------------------------------------ ingest

    private Map<Integer, HttpLoad.Result> ingest(HttpLoad load, Map<Integer, Floor.Rates> floors)
            throws InterruptedException {
        Map<Integer, HttpLoad.Result> results = new LinkedHashMap<>();
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int level : plan.levels()) {
            console.printf("ingest at %d clients for %d s...%n", level, plan.ingestEach().toSeconds());
            String eventId = event("ingest-" + level, 1_000_000_000);
            HttpLoad.Result result = load.run(plan.ingestMax(), level, plan.ingestEach(),
                    i -> participation(apiEndpoint(), eventId, i), (i, s, b) -> { });
            results.put(level, result);
            double floor = floors.get(level).ingestPerSecond();
            Map<String, Object> detail = latencyDetail(result);
            detail.put("clients", level);
            detail.put("floorPerSecond", Report.round(floor));
            detail.put("floorRatio", Report.ratio(result.perSecond(), floor));
            details.add(detail);
            rows.add(List.of(Integer.toString(level), Long.toString(result.answered()), Report.number(result.perSecond()),
                    Report.number(result.latencies().percentileMs(50)), Report.number(result.latencies().percentileMs(95)),
                    Report.number(result.latencies().percentileMs(99)), Report.number(result.latencies().maxMs()),
                    Long.toString(result.errors()), Report.number(floor),
                    String.format(java.util.Locale.ROOT, "%.2f", result.perSecond() / floor)));
        }
        purgeWorkQueue();
        report.detail("ingest", details);
        report.table("Ingest over HTTP (202 answers; latency in ms)",
                List.of("clients", "requests", "per s", "p50", "p95", "p99", "max", "errors", "floor per s", "of floor"),
                rows);
        HttpLoad.Result reference = results.get(plan.referenceLevel());
        double floor = floors.get(plan.referenceLevel()).ingestPerSecond();
        report.put("ingestPerSecond", reference.perSecond());
        report.put("ingestFloorRatio", Report.ratio(reference.perSecond(), floor));
        report.put("ingestP99Ms", reference.latencies().percentileMs(99));
        report.chart("ingest-throughput.svg", Svg.categories("Ingest throughput against concurrent clients",
                "concurrent HTTP clients", "participations per second",
                plan.levels().stream().map(String::valueOf).toList(),
                List.of(new Svg.Series("floor (emulators alone)", plan.levels().stream()
                                .mapToDouble(level -> floors.get(level).ingestPerSecond()).toArray()),
                        new Svg.Series("ingest through gateway and Lambda runtime", plan.levels().stream()
                                .mapToDouble(level -> results.get(level).perSecond()).toArray()))));
        return results;
    }

    // ------------------------------------------------------------------ drain

    private void drain(Map<Integer, Floor.Rates> floors) throws InterruptedException {
        double floor = floors.get(plan.referenceLevel()).drainPerSecond();
        List<Object> details = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        Double reference = null;
        for (Plan.DrainSetting setting : plan.drains()) {
            console.printf("drain: %,d queued requests, BatchSize %d, MaximumConcurrency %d...%n", plan.drainMessages(),
                    setting.batchSize(), setting.maximumConcurrency());
            String eventId = event("drain", plan.drainMessages());
            fill(eventId, plan.drainMessages());
            long started = System.nanoTime();
            long deleted;
            try (SqsPoller poller = poller(setting.batchSize(), setting.maximumConcurrency())) {
                deleted = awaitDeleted(poller, plan.drainMessages(), Duration.ofMinutes(10));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<RequestStatus, Integer> statuses = RequestTableReads.statusesOfEvent(stack, eventId);
            int decided = statuses.getOrDefault(RequestStatus.SUCCEEDED, 0) + statuses.getOrDefault(RequestStatus.REJECTED, 0);
            double perSecond = decided / seconds;
            if (setting.batchSize() == 10 && setting.maximumConcurrency() == 10 || reference == null) {
                reference = perSecond;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("batchSize", setting.batchSize());
            detail.put("maximumConcurrency", setting.maximumConcurrency());
            detail.put("messages", plan.drainMessages());
            detail.put("deleted", deleted);
            detail.put("decided", decided);
            detail.put("seconds", Report.round(seconds));
            detail.put("decisionsPerSecond", Report.round(perSecond));
            detail.put("floorRatio", Report.ratio(perSecond, floor));
            details.add(detail);
            rows.add(List.of(Integer.toString(setting.batchSize()), Integer.toString(setting.maximumConcurrency()),
                    Integer.toString(decided), Report.number(seconds), Report.number(perSecond), Report.number(floor),
                    String.format(java.util.Locale.ROOT, "%.2f", perSecond / floor)));
        }
        report.detail("drain", details);
        report.table("Drain: worker decisions per second for a full queue (every request wins a unit)",
                List.of("BatchSize", "MaxConcurrency", "decided", "seconds", "per s", "floor per s", "of floor"), rows);
        report.put("drainPerSecond", reference);
        report.put("drainFloorRatio", Report.ratio(reference, floor));
    }

    /** Queues requests as Ingest does (the same use case and adapters), without HTTP in the way. */
    private void fill(String eventId, int count) throws InterruptedException {
        participate(eventId, IntStream.range(0, count).mapToObj(i -> "drain-user-" + i).toList());
    }

    /** Records and queues one participation per user, as Ingest would; their requestIds, in order. */
    private List<String> participate(String eventId, List<String> users) throws InterruptedException {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        ParticipateUseCase participate = new ParticipateUseCase(
                new CachedEventCatalog(events(), clock, Duration.ofSeconds(5)),
                new DynamoRequestStore(stack.clients().dynamoDb(), variable("REQUEST_TABLE"),
                        Integer.parseInt(variable("ARRIVAL_SHARDS"))),
                new SqsWorkQueue(stack.clients().sqs(), variable("QUEUE_URL")), new Sha256RequestIds(),
                new HmacUserKeys(new byte[32]), clock, BusinessMetrics.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Participation>> calls = new ArrayList<>();
            for (String user : users) {
                calls.add(pool.submit(() -> participate.participate(new ParticipateCommand(eventId, user, null))));
            }
            List<String> requestIds = new ArrayList<>();
            for (Future<Participation> call : calls) {
                requestIds.add(call.get().requestId().value());
            }
            return requestIds;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("recording participations failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private long awaitDeleted(SqsPoller poller, long expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (poller.deleted() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return poller.deleted();
    }

    // ------------------------------------------------------------------ burst

    /** @param floor the floor at the reference level, when it ran: the transaction rate grants compare with */
    private void burst(HttpLoad load, Optional<Floor.Rates> floor) throws Exception {
        int[] submissions = submissions();
        console.printf("burst, asynchronous: %,d participations (%,d participants) on %,d connections, capacity %,d...%n",
                submissions.length, plan.burstUsers(), plan.burstConnections(), plan.burstCapacity());
        Burst async;
        LimitsCounters.Snapshot beforeAsync = stack.limitsCounters();
        try (SqsPoller poller = poller(defaultTrigger().batchSize(), defaultTrigger().maximumConcurrency())) {
            warmUpBurst(load);
            async = burst(load, apiEndpoint(), submissions, true, null, floor);
        }
        Map<String, Object> asyncLimits = LimitsSummary.of(stack, beforeAsync, stack.limitsCounters(), async.accepted());
        // The same burst with the worker held back until every request is answered: on one machine
        // the worker's writes share one DynamoDB Local with Ingest's; in AWS they go
        // to other partitions. This row shows what accepting costs alone.
        console.printf("burst, asynchronous with the worker held back: the same %,d participations...%n",
                submissions.length);
        Burst held = burst(load, apiEndpoint(), submissions, true,
                () -> poller(defaultTrigger().batchSize(), defaultTrigger().maximumConcurrency()), floor);
        console.printf("burst, synchronous baseline: the same %,d participations...%n", submissions.length);
        Burst sync;
        StackModel model = stack.model();
        ApiRoute ingestRoute = model.routes().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        int concurrency = model.function(ingestRoute.functionId()).concurrency();
        SyncParticipation baseline = new SyncParticipation(stack.functionClients().dynamoDb(), variable("REQUEST_TABLE"),
                Integer.parseInt(variable("ARRIVAL_SHARDS")),
                variable("EVENT_TABLE"), new byte[32], Duration.ofSeconds(5), concurrency, Duration.ofSeconds(10));
        ApiRoute syncRoute = new ApiRoute("SyncParticipation", "POST", ingestRoute.pathTemplate(), true,
                ingestRoute.bodyModel());
        LocalIssuer issuer = stack.issuer().orElseThrow();
        TokenVerifier verifier = new TokenVerifier(issuer.publicKey(), issuer.issuer(), issuer.audiences(),
                Clock.systemUTC());
        // Under the limits the baseline meets what a deployed one would: the account's API throttle and
        // Lambda's concurrency and scaling, as a function of its own.
        Invoker syncFunction = stack.lambdaQuotas().<Invoker>map(quotas -> new QuotaInvoker(baseline,
                quotas.function(syncRoute.functionId()))).orElse(baseline);
        try (Gateway gateway = new Gateway(model.api().orElseThrow(), List.of(syncRoute), model.webAcl().orElse(null),
                id -> syncFunction, verifier, 0, 256, stack.awsLimits().map(AwsLimits::apiAccountRate).orElse(0.0),
                stack.awsLimits().map(AwsLimits::apiAccountBurst).orElse(0))) {
            LimitsCounters.Snapshot beforeSync = stack.limitsCounters();
            sync = burst(load, gateway.endpoint(), submissions, false, null, floor);
            Map<String, Object> syncLimits = LimitsSummary.of(stack, beforeSync, stack.limitsCounters(), sync.accepted());
            report.detail("burstLimits", Map.of("asynchronous", asyncLimits, "synchronous", syncLimits));
            if (asyncLimits.containsKey("writeUnitsPerParticipation")) {
                report.put("writeUnitsPerParticipation", asyncLimits.get("writeUnitsPerParticipation"));
                report.put("syncWriteUnitsPerParticipation", syncLimits.get("writeUnitsPerParticipation"));
            }
        }
        List<Object> details = List.of(async.toMap("asynchronous"), held.toMap("asynchronous, worker held back"),
                sync.toMap("synchronous"));
        report.detail("burst", details);
        report.detail("syncInlineRetries", baseline.retries());
        report.table("Burst: " + String.format(java.util.Locale.ROOT, "%,d", submissions.length)
                        + " participations on " + plan.burstConnections() + " connections, FCFS capacity "
                        + plan.burstCapacity() + " (latency in ms: until 202 for async, until decided for sync)",
                List.of("design", "per s", "p50", "p95", "p99", "max", "errors", "409 repeat", "never accepted",
                        "until all final s", "lost", "oversold"),
                List.of(async.row("asynchronous (Rushgate)"), held.row("async, worker held back"),
                        sync.row("synchronous baseline")));
        report.table("Burst: FCFS decisions (fairness: share of winners among the first " + plan.burstCapacity()
                        + " arrivals; decision: acceptedAt to completedAt, ms; grants: SUCCEEDED per s from the first"
                        + " arrival to the last grant, against the floor's transactions per s)",
                List.of("design", "fairness", "worst winner rank", "decision p50", "p95", "p99", "grants per s",
                        "tx floor per s", "grants / tx floor"),
                List.of(async.fcfsRow("asynchronous (Rushgate)"), held.fcfsRow("async, worker held back"),
                        sync.fcfsRow("synchronous baseline")));
        report.put("burstLost", async.lost());
        report.put("burstNeverAccepted", async.neverAccepted());
        report.putExact("burstFairness", async.fairness().fairness());
        report.put("burstWorstWinnerRank", async.fairness().worstWinnerRank());
        report.put("burstDecisionP99Ms", async.decisions().p99Ms());
        report.put("burstGrantsPerSecond", async.decisions().grantsPerSecond());
        async.grantsVsFloor().ifPresent(ratio -> report.putExact("grantsPerSecondVsTxFloor", ratio));
        report.put("burstOversold", Math.max(Math.max(async.oversold(), held.oversold()), sync.oversold()));
        report.put("asyncP99Ms", async.result().latencies().percentileMs(99));
        report.put("syncP99Ms", sync.result().latencies().percentileMs(99));
        report.put("asyncErrors", async.result().errors());
        report.put("syncErrors", sync.result().errors());
        report.put("asyncErrorRate", Report.ratio(async.result().errors(), async.result().sent()));
        report.put("syncErrorRate", Report.ratio(sync.result().errors(), sync.result().sent()));
        report.put("syncConflicts", sync.result().statuses().getOrDefault(503, 0L));
        report.put("syncThrottled", sync.result().statuses().getOrDefault(429, 0L));
        report.put("syncTimeouts", sync.result().failures());
        report.put("asyncInProgress", async.result().inProgress());
        report.put("syncInProgress", sync.result().inProgress());
        report.put("asyncPerSecond", async.result().perSecond());
        report.put("asyncHeldBackPerSecond", held.result().perSecond());
        report.put("asyncHeldBackP99Ms", held.result().latencies().percentileMs(99));
        report.put("burstLostHeldBack", held.lost());
        report.put("syncPerSecond", sync.result().perSecond());
        report.put("syncToAsyncP99", Report.ratio(sync.result().latencies().percentileMs(99),
                async.result().latencies().percentileMs(99)));
        report.chart("burst-latency.svg", Svg.percentiles("Burst: answer latency, asynchronous against synchronous",
                List.of("asynchronous: until 202 Accepted", "synchronous: until decided"),
                List.of(async.result().latencies().sortedMs(), sync.result().latencies().sortedMs())));
    }

    /**
     * A short burst at the same connection count on an event of its own, first: every Ingest and
     * Worker environment the measured burst will use is started before it, as the synchronous
     * baseline (plain threads) needs none. Cold starts are the cold-start section's subject.
     */
    private void warmUpBurst(HttpLoad load) throws InterruptedException {
        int requests = Math.min(plan.burstRequests(), plan.burstConnections() * 4);
        console.printf("burst warm-up: %,d participations on %,d connections...%n", requests, plan.burstConnections());
        String eventId = event("burst-warmup", plan.burstCapacity());
        load.run(requests, plan.burstConnections(), plan.burstLimit(),
                i -> participation(apiEndpoint(), eventId, i), (i, status, body) -> { });
        awaitEmptyQueue(plan.burstLimit());
    }

    /**
     * What one burst did; for the asynchronous design also how long deciding everything took.
     *
     * @param neverAccepted participants none of whose submissions was accepted, retries included
     * @param fairness      whether the first arrivals won, from the same RequestTable scan as the statuses
     * @param txFloor       the floor's TransactWriteItems per second at the reference level, if it ran
     */
    private record Burst(HttpLoad.Result result, double untilFinalSeconds, int accepted, int neverAccepted, int lost,
                         int oversold, Map<RequestStatus, Integer> statuses, Fairness fairness, DecisionTimes decisions,
                         Optional<Double> txFloor) {

        Optional<Double> grantsVsFloor() {
            return txFloor.map(floor -> Report.ratio(decisions.grantsPerSecond(), floor));
        }

        List<String> fcfsRow(String name) {
            return List.of(name, String.format(java.util.Locale.ROOT, "%.4f", fairness.fairness()),
                    Integer.toString(fairness.worstWinnerRank()), Report.number(decisions.p50Ms()),
                    Report.number(decisions.p95Ms()), Report.number(decisions.p99Ms()),
                    Report.number(decisions.grantsPerSecond()), txFloor.map(Report::number).orElse("-"),
                    grantsVsFloor().map(ratio -> String.format(java.util.Locale.ROOT, "%.2f", ratio)).orElse("-"));
        }

        Map<String, Object> toMap(String design) {
            Map<String, Object> map = latencyDetail(result);
            map.put("design", design);
            map.put("untilAllFinalSeconds", Report.round(untilFinalSeconds));
            map.put("acceptedRequests", accepted);
            map.put("neverAccepted", neverAccepted);
            map.put("retries", result.retries());
            map.put("lost", lost);
            map.put("oversold", oversold);
            Map<String, Integer> counts = new LinkedHashMap<>();
            statuses.forEach((status, count) -> counts.put(status.name(), count));
            map.put("outcomes", counts);
            map.put("fairness", fairness.fairness());
            map.put("worstWinnerRank", fairness.worstWinnerRank());
            map.put("decisionP50Ms", Report.round(decisions.p50Ms()));
            map.put("decisionP95Ms", Report.round(decisions.p95Ms()));
            map.put("decisionP99Ms", Report.round(decisions.p99Ms()));
            map.put("grantsPerSecond", Report.round(decisions.grantsPerSecond()));
            grantsVsFloor().ifPresent(ratio -> map.put("grantsPerSecondVsTxFloor", ratio));
            return map;
        }

        List<String> row(String name) {
            return List.of(name, Report.number(result.perSecond()), Report.number(result.latencies().percentileMs(50)),
                    Report.number(result.latencies().percentileMs(95)), Report.number(result.latencies().percentileMs(99)),
                    Report.number(result.latencies().maxMs()), Long.toString(result.errors()),
                    Long.toString(result.inProgress()), Integer.toString(neverAccepted), Report.number(untilFinalSeconds),
                    Integer.toString(lost), Integer.toString(oversold));
        }
    }

    /**
     * @param workerAfterwards for the asynchronous design: starts the worker once every request is
     *                         answered (null: the worker already runs)
     */
    private Burst burst(HttpLoad load, URI endpoint, int[] submissions, boolean asynchronous,
                        Supplier<SqsPoller> workerAfterwards, Optional<Floor.Rates> floor) throws Exception {
        String eventId = event(asynchronous ? "burst" : "burst-sync", plan.burstCapacity());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<Integer> acceptedUsers = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        HttpLoad.Result result = load.run(submissions.length, plan.burstConnections(), plan.burstLimit(),
                RetryPolicy.participant(), i -> participation(endpoint, eventId, submissions[i]), (i, status, body) -> {
                    if (status / 100 == 2) {
                        accepted.add(requestIdOf(body));
                        acceptedUsers.add(submissions[i]);
                    }
                });
        int neverAccepted = (int) Arrays.stream(submissions).distinct().filter(user -> !acceptedUsers.contains(user)).count();
        Statuses statuses;
        if (asynchronous && workerAfterwards != null) {
            try (SqsPoller poller = workerAfterwards.get()) {
                statuses = awaitAllFinal(eventId, accepted, started + plan.burstLimit().toNanos());
            }
        } else if (asynchronous) {
            statuses = awaitAllFinal(eventId, accepted, started + plan.burstLimit().toNanos());
        } else {
            statuses = statuses(eventId, accepted);
        }
        double untilFinal = (System.nanoTime() - started) / 1e9;
        int remaining = events().find(eventId).orElseThrow().remaining();
        int succeeded = statuses.counts().getOrDefault(RequestStatus.SUCCEEDED, 0);
        int oversold = Math.max(0, succeeded - (plan.burstCapacity() - remaining));
        return new Burst(result, untilFinal, accepted.size(), neverAccepted, statuses.notFinal(), oversold,
                statuses.counts(), Fairness.of(statuses.rows(), plan.burstCapacity()), DecisionTimes.of(statuses.rows()),
                floor.map(Floor.Rates::transaction));
    }

    private static String requestIdOf(String body) {
        int start = body.indexOf("\"requestId\":\"");
        if (start < 0) {
            return "?";
        }
        start += 13;
        return body.substring(start, body.indexOf('"', start));
    }

    /** Each participant once, plus repeated submissions of random participants, shuffled (fixed seed). */
    private int[] submissions() {
        Random random = new Random(42);
        List<Integer> all = new ArrayList<>(plan.burstRequests());
        for (int i = 0; i < plan.burstUsers(); i++) {
            all.add(i);
        }
        while (all.size() < plan.burstRequests()) {
            all.add(random.nextInt(plan.burstUsers()));
        }
        Collections.shuffle(all, random);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Waits until the queue is empty and every accepted request of the event is final, or the
     * deadline passes; what it saw last. A request still not final then counts as lost.
     */
    private Statuses awaitAllFinal(String eventId, Set<String> accepted, long deadline) throws InterruptedException {
        awaitEmptyQueue(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Statuses statuses = statuses(eventId, accepted);
        while (statuses.notFinal() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            statuses = statuses(eventId, accepted);
        }
        return statuses;
    }

    private void awaitEmptyQueue(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = stack.clients().sqs().getQueueAttributes(g -> g
                    .queueUrl(variable("QUEUE_URL"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) == 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    // ------------------------------------------------------------------ cold start

    private void coldStart(Path root) throws Exception {
        Map<String, Map<String, String>> environments = new HashMap<>();
        stack.model().functions().forEach(f -> environments.put(f.logicalId(), stack.functionEnvironment(f.logicalId())));
        ProbeEvents.Fixtures fixtures = new ProbeEvents.Fixtures() {
            @Override
            public String event(int capacity) {
                return Bench.this.event("cold", capacity);
            }

            @Override
            public List<String> participations(String eventId, List<String> users) throws InterruptedException {
                return participate(eventId, users);
            }
        };
        new ColdStarts(root, stack.model().functions(), environments, fixtures, console)
                .run(plan.coldStartRuns(), plan.coldStartWarmCalls(), report);
    }

    // ------------------------------------------------------------------ helpers

    /** Status counts of an event, how many of {@code accepted} are not final, and the rows they come from. */
    private record Statuses(Map<RequestStatus, Integer> counts, int notFinal, List<RequestTableReads.Row> rows) {
    }

    private Statuses statuses(String eventId, Set<String> accepted) {
        List<RequestTableReads.Row> rows = RequestTableReads.rowsOfEvent(stack, eventId);
        Map<String, RequestStatus> byId = RequestTableReads.statusById(rows);
        int notFinal = 0;
        for (String id : accepted) {
            RequestStatus status = byId.get(id);
            if (status == null || !status.isFinal()) {
                notFinal++;
            }
        }
        return new Statuses(RequestTableReads.countByStatus(byId), notFinal, rows);
    }

    static Map<String, Object> latencyDetail(HttpLoad.Result result) {
        Map<String, Object> map = new LinkedHashMap<>();
        Latencies latencies = result.latencies();
        map.put("requests", result.sent());
        map.put("answered", result.answered());
        map.put("perSecond", Report.round(result.perSecond()));
        map.put("p50Ms", Report.round(latencies.percentileMs(50)));
        map.put("p95Ms", Report.round(latencies.percentileMs(95)));
        map.put("p99Ms", Report.round(latencies.percentileMs(99)));
        map.put("maxMs", Report.round(latencies.maxMs()));
        map.put("errors", result.errors());
        map.put("inProgress", result.inProgress());
        Map<String, Long> statuses = new LinkedHashMap<>();
        result.statuses().forEach((status, count) -> statuses.put(Integer.toString(status), count));
        map.put("statuses", statuses);
        map.put("noAnswer", result.failures());
        return map;
    }

    private HttpRequest.Builder participation(URI endpoint, String eventId, int user) {
        return HttpRequest.newBuilder(endpoint.resolve("/events/" + eventId + "/participations"))
                .header("Authorization", "Bearer " + tokens[user % tokens.length])
                .header("User-Agent", "rushgate-bench")
                .POST(HttpRequest.BodyPublishers.ofString("", StandardCharsets.UTF_8));
    }

    private URI apiEndpoint() {
        return stack.apiEndpoint().orElseThrow();
    }

    private String event(String prefix, int capacity) {
        String eventId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        events().create(Event.create(eventId, EventType.FCFS, capacity, Instant.now().minusSeconds(1), null));
        return eventId;
    }

    private DynamoEventCatalog events() {
        return new DynamoEventCatalog(stack.clients().dynamoDb(), variable("EVENT_TABLE"));
    }

    private String variable(String name) {
        return stack.model().functionVariable(name);
    }

    private SqsTrigger defaultTrigger() {
        return stack.model().sqsTriggers().get(0);
    }

    private SqsPoller poller(int batchSize, int maximumConcurrency) {
        SqsTrigger template = defaultTrigger();
        SqsTrigger trigger = new SqsTrigger(template.functionId(), "Bench", template.queueLogicalId(), batchSize, 0,
                maximumConcurrency, template.reportBatchItemFailures(), true);
        return new SqsPoller(trigger, stack.model().queue(template.queueLogicalId()), stack.function(template.functionId()),
                stack.clients().sqs(), stack.options().region(), stack.lambdaQuotas().orElse(null));
    }

    private void purgeWorkQueue() {
        stack.clients().sqs().purgeQueue(p -> p.queueUrl(variable("QUEUE_URL")));
    }
}
