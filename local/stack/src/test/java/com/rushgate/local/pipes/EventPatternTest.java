package com.rushgate.local.pipes;

import static com.rushgate.local.pipes.StreamFixtures.json;
import static com.rushgate.local.pipes.StreamFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventPatternTest {

    @Test
    void templateFilter_keepsTransitionsIntoAFinalState_only() {
        EventPattern filter = EventPattern.parse(StreamFixtures.analyticsPipe().filterPatterns().get(0));
        ObjectNode removed = record("request-succeeded").deepCopy();
        removed.put("eventName", "REMOVE");
        ((ObjectNode) removed.get("dynamodb")).remove("NewImage");

        assertThat(filter.matches(record("request-succeeded"))).isTrue();
        assertThat(filter.matches(record("request-given-up"))).isTrue();
        assertThat(filter.matches(record("request-received"))).isFalse();
        assertThat(filter.matches(record("request-claimed"))).isFalse();
        assertThat(filter.matches(removed)).isFalse();
    }

    @Test
    void templateFilter_keepsARaffleEntryOutOfTheLake_untilTheDrawDecidesIt() {
        EventPattern filter = EventPattern.parse(StreamFixtures.analyticsPipe().filterPatterns().get(0));

        // ENTERED waits for the draw: not final, so the lake gets each entry once, with its decision.
        assertThat(filter.matches(record("request-entered"))).as("PROCESSING -> ENTERED").isFalse();
        assertThat(filter.matches(record("request-not-drawn"))).as("ENTERED -> REJECTED NOT_DRAWN").isTrue();
    }

    @Test
    void nestedObjects_allMustMatch_andLeafListsAllowAnyValue() {
        EventPattern pattern = EventPattern.parse("""
                {"detail": {"state": ["open", "closed"], "size": {"unit": ["kg"]}}}""");

        assertThat(pattern.matches(json("{\"detail\": {\"state\": \"closed\", \"size\": {\"unit\": \"kg\"}, \"x\": 1}}"))).isTrue();
        assertThat(pattern.matches(json("{\"detail\": {\"state\": \"closed\", \"size\": {\"unit\": \"lb\"}}}"))).isFalse();
        assertThat(pattern.matches(json("{\"detail\": {\"state\": \"pending\", \"size\": {\"unit\": \"kg\"}}}"))).isFalse();
        assertThat(pattern.matches(json("{\"detail\": {\"state\": \"open\"}}"))).as("missing nested field").isFalse();
        assertThat(pattern.matches(json("{\"detail\": \"open\"}"))).as("not an object").isFalse();
    }

    @Test
    void values_matchByTypeAndNumbersNumerically() {
        EventPattern pattern = EventPattern.parse("{\"n\": [300], \"b\": [true], \"z\": [null]}");

        assertThat(pattern.matches(json("{\"n\": 3.0e2, \"b\": true, \"z\": null}"))).isTrue();
        assertThat(pattern.matches(json("{\"n\": \"300\", \"b\": true, \"z\": null}"))).as("a string is not a number").isFalse();
        assertThat(pattern.matches(json("{\"n\": 300, \"b\": \"true\", \"z\": null}"))).isFalse();
        assertThat(pattern.matches(json("{\"n\": 300, \"b\": true}"))).as("absent is not null").isFalse();
    }

    @Test
    void anEventArray_matchesWhenAnyElementDoes() {
        EventPattern pattern = EventPattern.parse("{\"tags\": [\"vip\"]}");

        assertThat(pattern.matches(json("{\"tags\": [\"new\", \"vip\"]}"))).isTrue();
        assertThat(pattern.matches(json("{\"tags\": [\"new\"]}"))).isFalse();
    }

    @Test
    void operators_prefixSuffixIgnoreCaseAnythingButNumericExists() {
        assertThat(EventPattern.parse("{\"id\": [{\"prefix\": \"rq_\"}]}").matches(json("{\"id\": \"rq_1\"}"))).isTrue();
        assertThat(EventPattern.parse("{\"id\": [{\"prefix\": \"rq_\"}]}").matches(json("{\"id\": \"uk_1\"}"))).isFalse();
        assertThat(EventPattern.parse("{\"f\": [{\"suffix\": \".gz\"}]}").matches(json("{\"f\": \"a.gz\"}"))).isTrue();
        assertThat(EventPattern.parse("{\"s\": [{\"equals-ignore-case\": \"fcfs\"}]}").matches(json("{\"s\": \"FCFS\"}"))).isTrue();
        EventPattern notPending = EventPattern.parse("{\"s\": [{\"anything-but\": [\"QUEUED\", \"PROCESSING\"]}]}");
        assertThat(notPending.matches(json("{\"s\": \"SUCCEEDED\"}"))).isTrue();
        assertThat(notPending.matches(json("{\"s\": \"QUEUED\"}"))).isFalse();
        assertThat(notPending.matches(json("{}"))).as("anything-but needs the field").isFalse();
        assertThat(EventPattern.parse("{\"s\": [{\"anything-but\": {\"prefix\": \"IN\"}}]}").matches(json("{\"s\": \"INFO\"}")))
                .isFalse();
        EventPattern range = EventPattern.parse("{\"ms\": [{\"numeric\": [\">\", 0, \"<=\", 1000]}]}");
        assertThat(range.matches(json("{\"ms\": 1000}"))).isTrue();
        assertThat(range.matches(json("{\"ms\": 1001}"))).isFalse();
        assertThat(range.matches(json("{\"ms\": \"5\"}"))).isFalse();
        assertThat(EventPattern.parse("{\"reason\": [{\"exists\": false}]}").matches(json("{\"status\": \"SUCCEEDED\"}"))).isTrue();
        assertThat(EventPattern.parse("{\"reason\": [{\"exists\": false}]}").matches(json("{\"reason\": \"SOLD_OUT\"}"))).isFalse();
        assertThat(EventPattern.parse("{\"reason\": [{\"exists\": true}]}").matches(json("{\"reason\": null}"))).isTrue();
    }

    @Test
    void whatIsNotEmulated_isRefusedWhenThePatternIsRead() {
        assertThatThrownBy(() -> EventPattern.parse("{\"$or\": [{\"a\": [1]}, {\"b\": [2]}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$or");
        assertThatThrownBy(() -> EventPattern.parse("{\"a\": [{\"wildcard\": \"x*\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> EventPattern.parse("{\"a\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list of allowed values");
        assertThatThrownBy(() -> EventPattern.parse("[\"a\"]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.parse("{\"a\": [{\"numeric\": [\"~\", 1]}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
