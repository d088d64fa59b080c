package com.rushgate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowertoolsJsonEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger = new LoggerContext().getLogger("com.rushgate.ingest.IngestHandler");
    private final PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();

    @Test
    void encode_withTheLambdaContextInTheMdc_writesPowertoolsFieldsTypedAndOurKeysAtTopLevel() throws Exception {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("function_name", "IngestFunction");
        mdc.put("function_request_id", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        mdc.put("cold_start", "true");
        mdc.put("function_memory_size", "1024");
        mdc.put("service", "ingest");
        mdc.put("requestId", "rq_abc");
        mdc.put("eventId", "drop-1");
        LoggingEvent event = event(Level.INFO, "accepted {}", null, "rq_abc");
        event.setMDCPropertyMap(mdc);
        event.setTimeStamp(1_796_655_600_123L);

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        JsonNode json = JSON.readTree(line);

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("accepted rq_abc");
        assertThat(json.get("cold_start").isBoolean()).isTrue();
        assertThat(json.get("function_memory_size").isNumber()).isTrue();
        assertThat(json.get("function_request_id").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(json.get("service").asText()).isEqualTo("ingest");
        assertThat(json.get("requestId").asText()).isEqualTo("rq_abc");
        assertThat(json.get("eventId").asText()).isEqualTo("drop-1");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-07T15:00:00.123Z");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void encode_withAnException_writesItsMessageClassAndStack() throws Exception {
        LoggingEvent event = event(Level.ERROR, "message {} failed", new IllegalStateException("boom"), "m-1");
        event.setMDCPropertyMap(Map.of());

        JsonNode json = JSON.readTree(encoder.encode(event));

        assertThat(json.get("message").asText()).isEqualTo("message m-1 failed");
        assertThat(json.at("/error/message").asText()).isEqualTo("boom");
        assertThat(json.at("/error/name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.at("/error/stack").asText()).contains("PowertoolsJsonEncoderTest");
    }

    @Test
    void encode_escapesQuotesNewlinesAndControlCharacters_intoOneLine() throws Exception {
        String message = "a \"quoted\" \\ path\nsecond line\tand\u0001";
        LoggingEvent event = event(Level.WARN, message, null);
        event.setMDCPropertyMap(Map.of("clientRef", "x\"y"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(JSON.readTree(line).get("message").asText()).isEqualTo(message);
        assertThat(JSON.readTree(line).get("clientRef").asText()).isEqualTo("x\"y");
    }

    @Test
    void encode_leavesOutContextFieldsTheMdcDoesNotHold() throws Exception {
        LoggingEvent event = event(Level.INFO, "at init", null);
        event.setMDCPropertyMap(Map.of());

        JsonNode json = JSON.readTree(encoder.encode(event));

        assertThat(json.has("function_request_id")).isFalse();
        assertThat(json.has("cold_start")).isFalse();
        assertThat(json.has("timestamp")).isTrue();
    }

    private LoggingEvent event(Level level, String message, Throwable error, Object... arguments) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, error, arguments);
    }
}
