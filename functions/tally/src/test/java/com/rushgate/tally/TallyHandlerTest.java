package com.rushgate.tally;

import static com.rushgate.tally.StreamBatchTest.batch;
import static com.rushgate.tally.StreamBatchTest.image;
import static com.rushgate.tally.StreamBatchTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.StatusChange;
import com.rushgate.core.app.port.CountsLedger;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TallyHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records what it is given; refuses the events it is told to. */
    private static final class RecordingLedger implements CountsLedger {
        final List<Map.Entry<String, List<StatusChange>>> applied = new ArrayList<>();
        final Set<String> refused;

        RecordingLedger(Set<String> refused) {
            this.refused = refused;
        }

        @Override
        public int apply(String eventId, String shardId, List<StatusChange> changes) {
            if (refused.contains(eventId)) {
                throw new RetryableException("throttled", null);
            }
            applied.add(Map.entry(eventId + "@" + shardId, changes));
            return 1;
        }
    }

    private static JsonNode handle(TallyHandler handler, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), out, InvocationContext.direct());
        return JSON.readTree(out.toByteArray());
    }

    private static byte[] twoEvents() {
        return batch("shard-7",
                record("INSERT", "0001", null, image("a", "RECEIVED", null)),
                record("INSERT", "0002", null, image("b", "RECEIVED", null)),
                record("MODIFY", "0003", image("a", "RECEIVED", null), image("a", "QUEUED", null)),
                record("MODIFY", "0004", image("b", "RECEIVED", null), image("b", "QUEUED", null)));
    }

    @Test
    void handle_whenEveryEventIsApplied_answersStateAndNoFailures() throws IOException {
        RecordingLedger ledger = new RecordingLedger(Set.of());

        JsonNode answer = handle(new TallyHandler(new Tally(ledger)), twoEvents());

        assertThat(answer.get("state").isObject()).isTrue();
        assertThat(answer.get("batchItemFailures")).isEmpty();
        assertThat(ledger.applied).extracting(Map.Entry::getKey).containsExactly("a@shard-7", "b@shard-7");
        assertThat(ledger.applied.get(0).getValue()).hasSize(2);
    }

    @Test
    void handle_whenOneEventFails_reportsItsFirstRecordAsTheStreamWroteIt_andAppliesTheOthers() throws IOException {
        RecordingLedger ledger = new RecordingLedger(Set.of("b"));

        JsonNode answer = handle(new TallyHandler(new Tally(ledger)), twoEvents());

        assertThat(answer.get("batchItemFailures")).hasSize(1);
        assertThat(answer.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo("0002");
        assertThat(ledger.applied).extracting(Map.Entry::getKey).containsExactly("a@shard-7");
    }

    @Test
    void handle_whenSeveralEventsFail_reportsTheEarliestRecord() throws IOException {
        RecordingLedger ledger = new RecordingLedger(Set.of("a", "b"));

        JsonNode answer = handle(new TallyHandler(new Tally(ledger)), twoEvents());

        assertThat(answer.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo("0001");
    }

    @Test
    void handle_ofTheSampleEvent_countsItsRequestOnItsShard() throws IOException {
        RecordingLedger ledger = new RecordingLedger(Set.of());

        JsonNode answer = handle(new TallyHandler(new Tally(ledger)), Files.readAllBytes(Path.of(Fixtures.event("tally-batch.json"))));

        assertThat(answer.get("batchItemFailures")).isEmpty();
        assertThat(ledger.applied).singleElement().satisfies(applied -> {
            assertThat(applied.getKey()).isEqualTo("drop-1@shardId-sample");
            assertThat(applied.getValue()).extracting(StatusChange::newStatus)
                    .containsExactly(RequestStatus.RECEIVED, RequestStatus.SUCCEEDED);
            assertThat(applied.getValue().get(1).latencyMillis()).isEqualTo(412L);
        });
    }

    @Test
    void handle_ofSomethingElseThanAStreamBatch_failsTheInvocation() {
        TallyHandler handler = new TallyHandler(new Tally(new RecordingLedger(Set.of())));

        assertThatThrownBy(() -> handle(handler, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
