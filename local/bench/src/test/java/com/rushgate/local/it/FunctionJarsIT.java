package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.HmacUserKeys;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Fixtures;
import com.rushgate.local.bench.probe.ColdStartProbe;
import com.rushgate.local.lambda.RuntimeJars;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel.FunctionSpec;
import com.rushgate.local.triggers.Scheduler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function's deployable jar, exactly as built (minimized: functions/pom.xml), in a JVM of its
 * own: the bench's cold-start probe loads it with the Lambda runtime's jars in a class loader over an
 * empty class path, the way the runtime does, from the template's environment pointing at DynamoDB
 * Local and ElasticMQ; runs its SnapStart priming (every step must succeed) and then one real-shaped
 * invocation. The probe notes every class the code asked for and did not get; any of them that the
 * function's full class path has (target/NAME.classpath) is a class minimizeJar removed and something
 * loads by name: the test fails and names it, so a missing keep rule fails here rather than in a
 * deploy.
 */
class FunctionJarsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT_SECONDS = 120;
    private static LocalStack stack;
    private static Path work;
    private static Path probe;

    @BeforeAll
    static void start() throws IOException {
        stack = LocalStack.start(TestStacks.options(Map.of()).withTriggers(false));
        work = Files.createTempDirectory("rushgate-function-jars");
        probe = ColdStartProbe.unpackInto(work.resolve("probe"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void ingestJar_primesAndAcceptsAParticipation_withEveryClassItLoads() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "jar-ingest", 5);

        Map<String, String> run = probe("IngestFunction", participation(eventId, "alice"));

        assertPrimed(run, "ingest: participation answered as a duplicate, then replayed");
        assertThat(statusCode(run)).isEqualTo(202);
        assertNothingMissing("IngestFunction", run);
    }

    @Test
    void statusJar_primesAndShowsARequestToItsOwner_withEveryClassItLoads() throws Exception {
        ParticipationRequest request = received(SharedStack.openFcfs(stack, "jar-status", 1), "bruno");

        Map<String, String> run = probe("StatusFunction", statusOf(request));

        assertPrimed(run, "status: status of the priming request");
        assertThat(statusCode(run)).isEqualTo(200);
        assertNothingMissing("StatusFunction", run);
    }

    @Test
    void workerJar_primesAndDecidesARecord_withEveryClassItLoads() throws Exception {
        ParticipationRequest request = received(SharedStack.openFcfs(stack, "jar-worker", 1), "chloe");

        Map<String, String> run = probe("WorkerFunction", batch(request));

        assertPrimed(run, "worker: batch with the priming request, decided and acknowledged");
        assertThat(JSON.readTree(run.get("firstOutput")).get("batchItemFailures")).isEmpty();
        assertNothingMissing("WorkerFunction", run);
    }

    @Test
    void redriveJar_primesAndRunsADryRun_withEveryClassItLoads() throws Exception {
        Map<String, String> run = probe("RedriveFunction", "{\"dryRun\":true,\"maxMessages\":1,\"reason\":\"jar test\"}");

        assertPrimed(run, "redrive: dry run over an empty DLQ");
        assertThat(JSON.readTree(run.get("firstOutput")).has("redriven")).as(run.get("firstOutput")).isTrue();
        assertNothingMissing("RedriveFunction", run);
    }

    @Test
    void reconcileJar_primesAndRunsAScheduledScan_withEveryClassItLoads() throws Exception {
        Map<String, String> run = probe("ReconcileFunction", Scheduler.scheduledEvent(stack.options().region(),
                "arn:aws:events:" + stack.options().region() + ":000000000000:rule/function-jars-it"));

        assertPrimed(run, "reconcile: reconcile run that finds nothing");
        assertThat(JSON.readTree(run.get("firstOutput")).has("examined")).as(run.get("firstOutput")).isTrue();
        assertNothingMissing("ReconcileFunction", run);
    }

    @Test
    void adminJar_primesAndRestocksAnEvent_withEveryClassItLoads() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "jar-admin", 5);

        Map<String, String> run = probe("AdminFunction", restock(eventId));

        assertPrimed(run, "admin: view of the priming event, its counts and the queues");
        assertThat(statusCode(run)).isEqualTo(200);
        assertThat(SharedStack.events(stack).find(eventId).orElseThrow().capacity()).isEqualTo(6);
        assertNothingMissing("AdminFunction", run);
    }

    @Test
    void tallyJar_primesAndCountsAStreamBatch_withEveryClassItLoads() throws Exception {
        String eventId = SharedStack.openFcfs(stack, "jar-tally", 1);

        Map<String, String> run = probe("TallyFunction", StreamBatches.received(eventId, "rq_jar_tally", "shard-jar", 11,
                stack.model().streamTriggers().get(0).sourceArn()));

        assertPrimed(run, "tally: stream batch of the priming request, folded and answered");
        assertThat(JSON.readTree(run.get("firstOutput")).get("batchItemFailures")).as(run.get("firstOutput")).isEmpty();
        assertNothingMissing("TallyFunction", run);
    }

    /** The probe ran without error and every priming step, the named one included, succeeded. */
    private static void assertPrimed(Map<String, String> run, String step) {
        assertThat(run).doesNotContainKey("error");
        assertThat(run.get("priming")).contains(step + "=ok").doesNotContain("=failed");
    }

    private static int statusCode(Map<String, String> run) throws IOException {
        return JSON.readTree(run.get("firstOutput")).get("statusCode").asInt();
    }

    /** No class that the function's dependencies have was asked for and missing from its jar. */
    private static void assertNothingMissing(String function, Map<String, String> run) throws IOException {
        List<String> asked = run.getOrDefault("missingClasses", "").isEmpty() ? List.of()
                : List.of(run.get("missingClasses").split(","));
        List<String> removed = new ArrayList<>();
        List<Path> classPath = fullClassPath(stack.model().function(function).code());
        for (String name : asked) {
            if (inAny(classPath, name.replace('.', '/') + ".class")) {
                removed.add(name);
            }
        }
        assertThat(removed).as(function + ": classes the jar lacks and its dependencies have (a keep rule is"
                + " missing in functions/pom.xml)").isEmpty();
    }

    /** target/NAME.classpath, written by the function's build beside target/NAME.jar. */
    private static List<Path> fullClassPath(Path jar) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path file = jar.resolveSibling(name + ".classpath");
        assertThat(file).as("the function's class path, written at package").isRegularFile();
        List<Path> entries = new ArrayList<>();
        for (String entry : Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static boolean inAny(List<Path> jars, String entry) throws IOException {
        for (Path jar : jars) {
            if (Files.isRegularFile(jar)) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    if (zip.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Runs the probe on the function's jar, primed, with one event; its readings. */
    private static Map<String, String> probe(String function, String event) throws Exception {
        FunctionSpec spec = stack.model().function(function);
        String run = function + "-" + UUID.randomUUID();
        Path eventFile = work.resolve(run + ".json");
        Path result = work.resolve(run + ".txt");
        Files.writeString(eventFile, event, StandardCharsets.UTF_8);
        List<String> code = new ArrayList<>();
        code.add(spec.code().toString());
        for (URL url : RuntimeJars.urls()) {
            code.add(path(url).toString());
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", probe.toString(), ColdStartProbe.class.getName(), result.toString(),
                String.join(File.pathSeparator, code), spec.handler(), "true", eventFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(run + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(function));
        Process process = builder.start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(function + ": the probe did not finish in " + LIMIT_SECONDS + " s; see " + work);
        }
        assertThat(result).as("the probe's result; its output is in " + work).isRegularFile();
        Map<String, String> readings = new HashMap<>();
        for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                readings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return readings;
    }

    private static Map<String, String> environment(String function) {
        Map<String, String> environment = new HashMap<>(stack.functionEnvironment(function));
        environment.put("AWS_EMF_ENVIRONMENT", "Local");
        return environment;
    }

    private static Path path(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("not a file: " + url, e));
        }
    }

    private static ParticipationRequest received(String eventId, String userId) {
        Event event = TestStacks.events(stack).find(eventId).orElseThrow();
        ParticipationRequest request = ParticipationRequest.received(new Sha256RequestIds().derive(eventId, userId), event,
                userId, new HmacUserKeys(new byte[32]).derive(userId), Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        assertThat(Tables.requestStore(stack).insertIfAbsent(request)).isEmpty();
        return request;
    }

    private static String participation(String eventId, String userId) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("participate.json")).toFile());
        ((ObjectNode) event.get("pathParameters")).put("eventId", eventId);
        event.put("path", "/events/" + eventId + "/participations");
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/events/" + eventId + "/participations");
        ((ObjectNode) event.at("/requestContext/authorizer/claims")).put("sub", userId);
        return event.toString();
    }

    /** events/admin.json: an operator's signed restock of one unit. */
    private static String restock(String eventId) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("admin.json")).toFile());
        ((ObjectNode) event.get("pathParameters")).put("eventId", eventId);
        event.put("path", "/admin/events/" + eventId + "/restock");
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/admin/events/" + eventId + "/restock");
        event.put("body", "{\"units\":1}");
        return event.toString();
    }

    private static String statusOf(ParticipationRequest request) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(Fixtures.event("status.json")).toFile());
        String id = request.requestId().value();
        ((ObjectNode) event.get("pathParameters")).put("requestId", id);
        event.put("path", "/requests/" + id);
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/requests/" + id);
        ((ObjectNode) event.at("/requestContext/authorizer/claims")).put("sub", request.userId());
        return event.toString();
    }

    private static String batch(ParticipationRequest request) throws IOException {
        JsonNode sample = JSON.readTree(Path.of(Fixtures.event("worker-batch.json")).toFile());
        ObjectNode record = ((ObjectNode) sample.get("Records").get(0)).deepCopy();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("body", WorkMessages.encode(new WorkMessage(request.requestId(), request.eventId(), request.acceptedAt())));
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        records.add(record);
        return event.toString();
    }
}
