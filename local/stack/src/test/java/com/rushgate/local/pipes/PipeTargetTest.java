package com.rushgate.local.pipes;

import static com.rushgate.local.pipes.StreamFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.testing.MutableClock;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeTargetTest {

    private static final PipeSpec ANALYTICS = StreamFixtures.analyticsPipe();

    private final MutableClock clock = MutableClock.at("2026-11-24T05:15:00Z");
    private final List<List<String>> puts = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();

    private static Batcher.Failure failure(String sequenceNumber) {
        return new Batcher.Failure(sequenceNumber, Instant.parse("2026-11-24T05:14:58Z"), "not JSON: {\"a\": b}");
    }

    @Test
    void aBatch_isOnePutOfItsRecords_inOrder() {
        PipeTarget target = new PipeTarget(ANALYTICS, puts::add, deadLetters::add, clock);

        target.deliver(new Batcher.Batch("shard-1", List.of("{\"a\":1}", "{\"a\":2}"), List.of()));

        assertThat(puts).containsExactly(List.of("{\"a\":1}", "{\"a\":2}"));
        assertThat(deadLetters).isEmpty();
        assertThat(target.deadLettered()).isZero();
    }

    @Test
    void aRecordThatDidNotRender_goesToTheDeadLetterQueue_asWhereItIsInTheStream() {
        PipeTarget target = new PipeTarget(ANALYTICS, puts::add, deadLetters::add, clock);

        target.deliver(new Batcher.Batch("shard-1", List.of("{\"a\":1}"), List.of(failure("400000000000000499670"))));

        assertThat(puts).containsExactly(List.of("{\"a\":1}"));
        assertThat(deadLetters).singleElement().satisfies(body -> {
            JsonNode message = json(body);
            assertThat(message.at("/requestContext/pipeArn").asText()).isEqualTo(ANALYTICS.arn());
            assertThat(message.at("/requestContext/condition").asText()).isEqualTo("TransformationFailed");
            assertThat(message.get("timestamp").asText()).isEqualTo("2026-11-24T05:15:00Z");
            assertThat(message.get("errorMessage").asText()).isEqualTo("not JSON: {\"a\": b}");
            JsonNode info = message.get("DDBStreamBatchInfo");
            assertThat(info.get("shardId").asText()).isEqualTo("shard-1");
            assertThat(info.get("startSequenceNumber").asText()).isEqualTo("400000000000000499670");
            assertThat(info.get("endSequenceNumber").asText()).isEqualTo("400000000000000499670");
            assertThat(info.get("approximateArrivalOfFirstRecord").asText()).isEqualTo("2026-11-24T05:14:58Z");
            assertThat(info.get("batchSize").asInt()).isEqualTo(1);
            assertThat(info.get("streamArn").asText()).isEqualTo(ANALYTICS.sourceArn());
        });
        assertThat(target.deadLettered()).isEqualTo(1);
    }

    @Test
    void aBatchOfFailuresOnly_putsNothing_andWithoutADeadLetterQueueIsStillCounted() {
        PipeTarget target = new PipeTarget(ANALYTICS, puts::add, PipeTarget.DeadLetters.none(), clock);

        target.deliver(new Batcher.Batch("shard-1", List.of(), List.of(failure("1"), failure("2"))));

        assertThat(puts).isEmpty();
        assertThat(target.deadLettered()).isEqualTo(2);
    }
}
