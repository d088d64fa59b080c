package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BurstTest {

    @Test
    void submissions_everyParticipantOnce_thenRepeats_upToTheRequests_sameEveryRun() {
        int[] submissions = Burst.submissions(50, 60);

        assertThat(submissions).hasSize(60);
        assertThat(submissions).containsOnly(IntStream.range(0, 50).toArray());
        assertThat(Burst.submissions(50, 60)).isEqualTo(submissions);
        assertThat(submissions).isNotEqualTo(Arrays.stream(submissions).sorted().toArray());
    }

    @Test
    void requestIdOf_readsTheAnswersRequestId_orAQuestionMarkWithoutOne() {
        assertThat(Burst.requestIdOf("{\"requestId\":\"rq_abc\",\"status\":\"QUEUED\"}")).isEqualTo("rq_abc");
        assertThat(Burst.requestIdOf("{\"status\":\"QUEUED\"}")).isEqualTo("?");
    }
}
