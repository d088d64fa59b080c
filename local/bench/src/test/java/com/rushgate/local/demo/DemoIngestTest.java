package com.rushgate.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.load.HttpLoad;
import com.rushgate.local.load.Latencies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoIngestTest {

    @Test
    void submissions_everyUserOnce_plusTheDuplicates_inTheSameOrderEveryRun() {
        List<String> submissions = DemoIngest.submissions(100, 0.1);

        assertThat(submissions).hasSize(110);
        assertThat(submissions.stream().distinct().count()).isEqualTo(100);
        assertThat(submissions).contains("demo-user-0", "demo-user-99");
        assertThat(DemoIngest.submissions(100, 0.1)).isEqualTo(submissions);
        assertThat(DemoIngest.submissions(3, 0)).containsExactlyInAnyOrder("demo-user-0", "demo-user-1", "demo-user-2");
    }

    @Test
    void refused_countsEveryLastAnswerBut200And202_andTheUnanswered() {
        Map<Integer, Long> statuses = new TreeMap<>(Map.of(202, 5L, 200, 1L, 503, 1L, 429, 2L));
        HttpLoad.Result result = new HttpLoad.Result(12, statuses, 3, new Latencies(new long[0]), 1.0, 4);

        Map<String, Long> refused = DemoIngest.refused(result);

        assertThat(refused).containsExactly(Map.entry("429", 2L), Map.entry("503", 1L), Map.entry("none", 3L));
        assertThat(new DemoIngest.Result(List.of(), 0, 0, refused, 4, result.latencies(), 1.0).refusedCount())
                .isEqualTo(6);
        assertThat(DemoIngest.refused(new HttpLoad.Result(1, Map.of(202, 1L), 0, new Latencies(new long[0]), 1.0, 0)))
                .isEmpty();
    }

    @Test
    void requestIdOf_readsTheAnswersRequestId_orNull() {
        assertThat(DemoIngest.requestIdOf("{\"requestId\":\"rq_abc\",\"status\":\"QUEUED\"}")).isEqualTo("rq_abc");
        assertThat(DemoIngest.requestIdOf("{\"message\":\"Too Many Requests\"}")).isNull();
        assertThat(DemoIngest.requestIdOf("<html>bad gateway</html>")).isNull();
    }
}
