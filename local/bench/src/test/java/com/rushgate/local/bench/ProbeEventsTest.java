package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes' events are the repository's samples, made to act on the bench's own requests. */
class ProbeEventsTest {

    private static final Path ROOT = Path.of(System.getProperty("rushgate.root", "../.."));

    @TempDir
    Path work;

    private final List<String> participants = new ArrayList<>();

    private final ProbeEvents.Fixtures fixtures = new ProbeEvents.Fixtures() {
        @Override
        public String event(int capacity) {
            return "cold-1234";
        }

        @Override
        public List<String> participations(String eventId, List<String> users) {
            participants.addAll(users);
            return users.stream().map(user -> "rq_of-" + user).toList();
        }
    };

    private static ProbeTarget target(String handler) {
        return new ProbeTarget("Function", handler, Path.of("function.jar"), Map.of());
    }

    private static List<String> read(List<Path> files) throws IOException {
        List<String> payloads = new ArrayList<>();
        for (Path file : files) {
            payloads.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        return payloads;
    }

    @Test
    void ingest_everyInvocationIsAFreshParticipantOfTheBenchsEvent() throws Exception {
        ProbeEvents events = new ProbeEvents(ROOT, work, fixtures);

        List<String> payloads = read(events.events(target("com.rushgate.ingest.IngestHandler::handleRequest"), 3));

        assertThat(payloads).hasSize(3).allMatch(payload -> payload.contains("cold-1234") && !payload.contains("drop-1"));
        assertThat(payloads.get(0)).contains("cs1-user-0");
        assertThat(payloads.get(2)).contains("cs1-user-2");
    }

    @Test
    void worker_everyInvocationCarriesARequestOfItsOwn_statusReadsTheSameRequestEachTime() throws Exception {
        ProbeEvents events = new ProbeEvents(ROOT, work, fixtures);

        List<String> worker = read(events.events(target("com.rushgate.worker.WorkerHandler::handleRequest"), 2));
        List<String> status = read(events.events(target("com.rushgate.status.StatusHandler::handleRequest"), 2));

        assertThat(worker.get(0)).contains("rq_of-cs1-user-0", "cold-1234");
        assertThat(worker.get(1)).contains("rq_of-cs1-user-1");
        assertThat(status).hasSize(2).allMatch(payload -> payload.contains("rq_of-cs2-user") && payload.contains("cs2-user"));
        assertThat(participants).containsExactly("cs1-user-0", "cs1-user-1", "cs2-user");
    }

    @Test
    void otherHandlers_getTheirOwnSmallEvents_writtenInTheWorkDirectory() throws Exception {
        ProbeEvents events = new ProbeEvents(ROOT, work, fixtures);

        List<Path> files = events.events(target("com.rushgate.redrive.RedriveHandler::handleRequest"), 2);
        List<Path> hello = events.events(target("com.rushgate.bench.hello.HelloHandler::handleRequest"), 2);

        assertThat(files).allMatch(file -> file.getParent().equals(work));
        assertThat(read(files)).allMatch(payload -> payload.contains("\"dryRun\":true"));
        assertThat(read(hello)).containsExactly("{\"n\":0}", "{\"n\":1}");
    }

    @Test
    void draw_asksForADrawOfTheBenchsFcfsEvent_andTheEventViewShowsIt() throws Exception {
        ProbeEvents events = new ProbeEvents(ROOT, work, fixtures);

        List<String> draw = read(events.events(target("com.rushgate.redrive.DrawHandler::handleRequest"), 2));
        List<String> view = read(events.events(target("com.rushgate.events.EventInfoHandler::handleRequest"), 1));

        assertThat(draw).containsExactly("{\"eventId\":\"cold-1234\",\"excludeFailed\":false}",
                "{\"eventId\":\"cold-1234\",\"excludeFailed\":false}");
        assertThat(view).singleElement().satisfies(payload -> assertThat(payload)
                .contains("\"/events/cold-1234\"", "\"resource\": \"/events/{eventId}\"").doesNotContain("raffle-1"));
    }

    @Test
    void tally_countsARequestOfTheBenchsEvent_onAShardOfItsOwnPerInvocation() throws Exception {
        ProbeEvents events = new ProbeEvents(ROOT, work, fixtures);

        List<String> batches = read(events.events(target("com.rushgate.tally.TallyHandler::handleRequest"), 2));

        assertThat(batches).hasSize(2).allSatisfy(payload -> assertThat(payload)
                .contains("\"eventId\": {\"S\": \"cold-1234\"}", "\"Records\"").doesNotContain("drop-1"));
        assertThat(batches.get(0)).isNotEqualTo(batches.get(1));
    }
}
