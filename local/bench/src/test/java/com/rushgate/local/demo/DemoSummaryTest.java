package com.rushgate.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DemoSummary summary(int neverAccepted, int lost, int oversold) {
        return summary(neverAccepted, lost, oversold, 1.0, 10);
    }

    private static DemoSummary summary(int neverAccepted, int lost, int oversold, double fairness, int worstWinnerRank) {
        return new DemoSummary("demo-1", 100, 10, 110, 100 - neverAccepted, 10, neverAccepted, neverAccepted, 10,
                90 - neverAccepted, 0, 0, lost, oversold, fairness, worstWinnerRank, 50, 1, 2, 3, 4, Map.of());
    }

    @Test
    void healthy_everyUserAcceptedNothingLostNothingOversold() {
        assertThat(summary(0, 0, 0).healthy()).isTrue();
        assertThat(summary(1, 0, 0).healthy()).as("a user never accepted").isFalse();
        assertThat(summary(0, 1, 0).healthy()).as("a request lost").isFalse();
        assertThat(summary(0, 0, 1).healthy()).as("a unit oversold").isFalse();
        assertThat(summary(0, 0, 0, 0.9, 12).healthy()).as("a winner beyond the first arrivals").isFalse();
    }

    @Test
    void fairness_isInTheJsonAndTheText() throws Exception {
        DemoSummary unfair = summary(0, 0, 0, 0.9, 12);

        JsonNode json = JSON.readTree(unfair.toJson());

        assertThat(json.get("fairness").asDouble()).isEqualTo(0.9);
        assertThat(json.get("worstWinnerRank").asInt()).isEqualTo(12);
        assertThat(unfair.toText())
                .containsPattern("(?m)^  fairness\\s+0\\.9000  WINNERS FROM BEYOND THE FIRST 10 ARRIVALS$")
                .containsPattern("(?m)^  worst winner rank\\s+12  ");
        assertThat(summary(0, 0, 0).toText()).containsPattern("(?m)^  fairness\\s+1\\.0000  ok$");
    }

    @Test
    void toJson_carriesNeverAccepted() throws Exception {
        JsonNode json = JSON.readTree(summary(3, 0, 0).toJson());

        assertThat(json.get("neverAccepted").asInt()).isEqualTo(3);
        assertThat(json.get("refused").asInt()).isEqualTo(3);
    }

    @Test
    void toText_printsNeverAcceptedWithItsVerdict() {
        assertThat(summary(0, 0, 0).toText()).containsPattern("(?m)^  never accepted\\s+0  ok$");
        assertThat(summary(2, 0, 0).toText())
                .containsPattern("(?m)^  never accepted\\s+2  USERS WHOSE CLIENT WAS NEVER ACCEPTED$");
    }
}
