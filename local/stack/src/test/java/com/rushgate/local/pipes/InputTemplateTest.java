package com.rushgate.local.pipes;

import static com.rushgate.local.pipes.StreamFixtures.json;
import static com.rushgate.local.pipes.StreamFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTemplateTest {

    private static final InputTemplate RECORD = InputTemplate.parse(StreamFixtures.analyticsPipe().inputTemplate());

    @Test
    void templateRecord_isOneLineOfTypedJson_withThePseudonymousKeyOnly() {
        String line = RECORD.render(record("request-succeeded"), Map.of());

        JsonNode rendered = json(line);
        assertThat(line).doesNotContain("\n");
        assertThat(RECORD.isJson()).isTrue();
        assertThat(rendered.get("requestId").asText()).isEqualTo("rq_4gq2w7k3m5n6p7r8s9t2v3w4x5y6z7a2");
        assertThat(rendered.get("userKey").asText()).isEqualTo("uk_p3xq7c2mz4t6v8b1n5r9w2k4h6j8d0fa");
        assertThat(rendered.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(rendered.get("attempts").isIntegralNumber()).as("N values are numbers").isTrue();
        assertThat(rendered.get("latencyMs").asLong()).isEqualTo(2225);
        assertThat(rendered.get("processingMs").asLong()).isEqualTo(445);
        assertThat(rendered.get("reason").isNull()).as("a success has no reason").isTrue();
        assertThat(rendered.get("completedAt").asText()).isEqualTo("2026-11-24T05:14:07.345Z");
        List<String> fields = List.of("requestId", "eventId", "userKey", "eventType", "status", "reason", "attempts",
                "redriveCount", "acceptedAt", "startedAt", "completedAt", "latencyMs", "processingMs");
        assertThat(rendered.fieldNames()).toIterable().containsExactlyElementsOf(fields);
        assertThat(line).doesNotContain("alice").doesNotContain("userId");
    }

    @Test
    void aRequestGivenUpUnclaimed_stillRendersValidJson_withNulls() {
        JsonNode rendered = json(RECORD.render(record("request-given-up"), Map.of()));

        assertThat(rendered.get("status").asText()).isEqualTo("FAILED_FINAL");
        assertThat(rendered.get("reason").asText()).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(rendered.get("startedAt").isNull()).isTrue();
        assertThat(rendered.get("latencyMs").isNull()).isTrue();
        assertThat(rendered.get("processingMs").isNull()).isTrue();
    }

    @Test
    void placeholders_writeStringsRawOutsideQuotesAndEscapedInside() {
        JsonNode event = json("{\"a\": {\"n\": \"42\", \"s\": \"say \\\"hi\\\"\", \"o\": {\"k\": [1, 2]}, \"l\": [\"x\", \"y\"]}}");
        InputTemplate template = InputTemplate.parse(
                "{\"n\": <$.a.n>, \"s\": \"<$.a.s>\", \"in\": \"<<$.a.s>>\", \"o\": <$.a.o>, \"first\": \"<$.a.l[1]>\", "
                        + "\"gone\": \"id-<$.a.missing>\", \"none\": <$.a.missing>, \"pipe\": \"<aws.pipes.pipe-name>\"}");

        JsonNode rendered = json(template.render(event, Map.of("aws.pipes.pipe-name", "analytics")));

        assertThat(rendered.get("n").asInt()).isEqualTo(42);
        assertThat(rendered.get("s").asText()).isEqualTo("say \"hi\"");
        assertThat(rendered.get("in").asText()).isEqualTo("<say \"hi\">");
        assertThat(rendered.get("o")).isEqualTo(json("{\"k\": [1, 2]}"));
        assertThat(rendered.get("first").asText()).isEqualTo("y");
        assertThat(rendered.get("gone").asText()).isEqualTo("id-");
        assertThat(rendered.get("none").isNull()).isTrue();
        assertThat(rendered.get("pipe").asText()).isEqualTo("analytics");
    }

    @Test
    void aTextTemplate_staysText_andTheWholeEventCanBeEmbedded() {
        InputTemplate text = InputTemplate.parse("request <$.dynamodb.Keys.requestId.S> is final");
        InputTemplate wrapper = InputTemplate.parse("{\"record\": <aws.pipes.event.json>}");

        assertThat(text.isJson()).isFalse();
        assertThat(text.render(record("request-succeeded"), Map.of()))
                .isEqualTo("request rq_4gq2w7k3m5n6p7r8s9t2v3w4x5y6z7a2 is final");
        assertThat(json(wrapper.render(record("request-succeeded"), Map.of())).get("record"))
                .isEqualTo(record("request-succeeded"));
    }

    @Test
    void unsupportedPaths_areRefusedWhenTheTemplateIsRead() {
        assertThatThrownBy(() -> InputTemplate.parse("{\"x\": <$.a.*.b>}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InputTemplate.parse("{\"x\": <aws.pipes.nothing>}")).isInstanceOf(IllegalArgumentException.class);
    }
}
