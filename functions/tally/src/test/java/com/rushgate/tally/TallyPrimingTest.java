package com.rushgate.tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.lambda.SnapStartPriming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyPrimingTest {

    @Test
    void prime_foldsAndAnswersThePrimingBatch() {
        SnapStartPriming priming = TallyPriming.create(Runnable::run, List.of());

        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes).containsEntry("stream batch of the priming request, folded and answered", "ok");
    }

    @Test
    void batch_holdsThePrimingRequestsLifeOnOneShard() {
        StreamBatch batch = StreamBatch.parse(TallyPriming.batch());

        assertThat(batch.shardId()).isEqualTo(TallyPriming.SHARD_ID);
        assertThat(batch.changes()).hasSize(3).allSatisfy(change -> assertThat(change.eventId()).isEqualTo(TallyPriming.EVENT_ID));
    }
}
