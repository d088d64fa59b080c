package com.rushgate.local.pipes;

import static com.rushgate.local.pipes.StreamFixtures.event;
import static com.rushgate.local.pipes.StreamFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static final PipeSpec ANALYTICS = StreamFixtures.analyticsPipe();

    private final MutableClock clock = MutableClock.at("2026-11-24T05:14:08Z");
    private final List<Batcher.Batch> delivered = new ArrayList<>();
    private final List<String> handed = new ArrayList<>();
    private final Batcher.Downstream downstream = new Batcher.Downstream() {
        @Override
        public void deliver(Batcher.Batch batch) {
            delivered.add(batch);
        }

        @Override
        public void handed(String shardId, String sequenceNumber) {
            handed.add(shardId + " " + sequenceNumber);
        }
    };

    /** The template's analytics pipe with another batch size, window or input template. */
    private static PipeSpec pipe(int batchSize, int windowSeconds, String inputTemplate) {
        PipeSpec p = ANALYTICS;
        return new PipeSpec(p.logicalId(), p.name(), p.arn(), p.sourceArn(), p.tableLogicalId(), p.startingPosition(),
                batchSize, windowSeconds, p.filterPatterns(), inputTemplate, p.deadLetterQueueId(), p.deliveryStreamId(),
                p.targetArn(), p.running());
    }

    private static ShardReader.Read read(String sequenceNumber, String fixture) {
        return new ShardReader.Read(sequenceNumber, event(fixture));
    }

    @Test
    void theTemplatesPipe_batchesAsItsTemplateSays() {
        assertThat(ANALYTICS.batchSize()).isEqualTo(100);
        assertThat(ANALYTICS.batchingWindowSeconds()).isEqualTo(5);
    }

    @Test
    void recordsTheFilterDrops_withNothingWaitingBeforeThem_areHandedOnAtOnce() {
        Batcher batcher = new Batcher(ANALYTICS, clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-received"), read("2", "request-claimed")));
        batcher.dispatch(true);

        assertThat(handed).containsExactly("shard-1 1", "shard-1 2");
        assertThat(delivered).isEmpty();
        assertThat(batcher.matched()).isZero();
        assertThat(batcher.settled("shard-1")).isTrue();
    }

    @Test
    void aBatch_waitsForItsSizeOrForItsWindow() {
        Batcher batcher = new Batcher(pipe(2, 5, ANALYTICS.inputTemplate()), clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-succeeded")));
        batcher.dispatch(false);
        clock.advance(Duration.ofSeconds(4));
        batcher.dispatch(false);
        boolean settledWhileWaiting = batcher.settled("shard-1");
        int waiting = batcher.waiting();
        clock.advance(Duration.ofSeconds(1));
        batcher.dispatch(false);

        assertThat(settledWhileWaiting).isFalse();
        assertThat(waiting).isEqualTo(1);
        assertThat(delivered).singleElement().satisfies(batch -> assertThat(batch.records()).hasSize(1));
        assertThat(handed).containsExactly("shard-1 1");
        assertThat(batcher.waiting()).isZero();
        assertThat(batcher.settled("shard-1")).isTrue();
    }

    @Test
    void aFullBatch_goesAtOnce_andTheRecordsDroppedBetweenItsOwnGoWithIt() {
        Batcher batcher = new Batcher(pipe(2, 5, ANALYTICS.inputTemplate()), clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-succeeded"), read("2", "request-claimed"),
                read("3", "request-given-up"), read("4", "request-claimed")));
        batcher.dispatch(false);

        assertThat(delivered).singleElement().satisfies(batch -> {
            assertThat(batch.shardId()).isEqualTo("shard-1");
            assertThat(batch.records()).extracting(record -> json(record).get("status").asText())
                    .containsExactly("SUCCEEDED", "FAILED_FINAL");
            assertThat(batch.failures()).isEmpty();
        });
        assertThat(handed).as("a position never passes a record that waits").containsExactly("shard-1 3", "shard-1 4");
        assertThat(batcher.matched()).isEqualTo(2);
    }

    @Test
    void aForcedDispatch_handsOnEverythingWaiting_inBatchesOfItsSize() {
        Batcher batcher = new Batcher(pipe(2, 5, ANALYTICS.inputTemplate()), clock, downstream);
        batcher.add("shard-1", List.of(read("1", "request-succeeded"), read("2", "request-succeeded"),
                read("3", "request-succeeded")));
        batcher.add("shard-2", List.of(read("7", "request-given-up")));

        batcher.dispatch(true);

        assertThat(delivered).extracting(batch -> batch.shardId() + " " + batch.records().size())
                .containsExactly("shard-1 2", "shard-1 1", "shard-2 1");
        assertThat(handed).containsExactly("shard-1 2", "shard-1 3", "shard-2 7");
    }

    @Test
    void records_areRenderedWithTheInputTemplate_andThePipesVariables() {
        String template = "{\"id\": \"<$.dynamodb.Keys.requestId.S>\", \"pipe\": \"<aws.pipes.pipe-name>\", "
                + "\"source\": \"<aws.pipes.source-arn>\", \"at\": \"<aws.pipes.event.ingestion-time>\"}";
        Batcher batcher = new Batcher(pipe(1, 5, template), clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-succeeded")));
        batcher.dispatch(false);

        JsonNode record = json(delivered.get(0).records().get(0));
        assertThat(record.get("id").asText()).isEqualTo("rq_4gq2w7k3m5n6p7r8s9t2v3w4x5y6z7a2");
        assertThat(record.get("pipe").asText()).isEqualTo(ANALYTICS.name());
        assertThat(record.get("source").asText()).isEqualTo(ANALYTICS.sourceArn());
        assertThat(record.get("at").asText()).as("when the pipe read it").isEqualTo("2026-11-24T05:14:08Z");
    }

    @Test
    void withoutAnInputTemplate_aRecordIsTheEventItself() {
        Batcher batcher = new Batcher(pipe(1, 5, null), clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-succeeded")));
        batcher.dispatch(false);

        assertThat(json(delivered.get(0).records().get(0))).isEqualTo(event("request-succeeded"));
    }

    @Test
    void aRenderingThatIsNotJson_failsThatRecordAlone() {
        // a string written outside quotes: fine while the request has no reason, not JSON once it has one
        Batcher batcher = new Batcher(pipe(2, 5, "{\"reason\": <$.dynamodb.NewImage.reason.S>}"), clock, downstream);

        batcher.add("shard-1", List.of(read("1", "request-succeeded"), read("2", "request-given-up")));
        batcher.dispatch(false);

        Batcher.Batch batch = delivered.get(0);
        assertThat(batch.records()).containsExactly("{\"reason\": null}");
        assertThat(batch.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.sequenceNumber()).isEqualTo("2");
            assertThat(failure.arrival()).isEqualTo(clock.instant());
            assertThat(failure.reason()).isEqualTo("the input template did not render valid JSON: {\"reason\": ATTEMPTS_EXHAUSTED}");
        });
        assertThat(handed).containsExactly("shard-1 2");
    }
}
