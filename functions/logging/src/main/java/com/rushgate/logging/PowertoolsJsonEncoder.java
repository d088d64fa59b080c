package com.rushgate.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line in the shape of Powertools' Lambda JSON layout: {@code level},
 * {@code message}, {@code error} ({@code message}, {@code name}, {@code stack}) when there is an
 * exception, the Lambda context fields Powertools puts in the MDC ({@code cold_start},
 * {@code function_name}, {@code function_request_id} ...), {@code timestamp} (UTC, milliseconds),
 * then every other MDC entry and every SLF4J key-value pair as a field of its own: Rushgate's
 * {@code requestId}, {@code eventId} and {@code messageId} included.
 *
 * <p>{@code cold_start} is written as a boolean, {@code function_memory_size} and
 * {@code sampling_rate} as numbers, as Powertools does; a field the MDC does not hold is left out.
 * Thread-safe: it keeps no state between events.
 */
public final class PowertoolsJsonEncoder extends EncoderBase<ILoggingEvent> {

    /** Powertools' context fields, in the order its layout writes them before the timestamp. */
    private static final List<String> POWERTOOLS_FIELDS = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service");
    /** Powertools' fields written after the timestamp. */
    private static final List<String> TRAILING_FIELDS = List.of("xray_trace_id", "correlation_id");
    private static final Set<String> BOOLEANS = Set.of("cold_start");
    private static final Set<String> NUMBERS = Set.of("function_memory_size", "sampling_rate");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        field(json, "level").append('"').append(event.getLevel().toString()).append('"');
        field(json, "message");
        string(json, event.getFormattedMessage());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            json.append(",\"error\":{");
            json.append("\"message\":");
            string(json, error.getMessage());
            json.append(",\"name\":");
            string(json, error.getClassName());
            json.append(",\"stack\":");
            string(json, ThrowableProxyUtil.asString(error));
            json.append('}');
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        for (String name : POWERTOOLS_FIELDS) {
            typed(json, name, mdc.get(name));
        }
        field(json, "timestamp").append('"').append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append('"');
        for (String name : TRAILING_FIELDS) {
            typed(json, name, mdc.get(name));
        }
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            if (!POWERTOOLS_FIELDS.contains(entry.getKey()) && !TRAILING_FIELDS.contains(entry.getKey())) {
                field(json, entry.getKey());
                string(json, entry.getValue());
            }
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                field(json, pair.key);
                string(json, pair.value == null ? null : String.valueOf(pair.value));
            }
        }
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code ,"name":} (no comma before the first field). */
    private static StringBuilder field(StringBuilder json, String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        string(json, name);
        return json.append(':');
    }

    private static void typed(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        field(json, name);
        if (BOOLEANS.contains(name) && (value.equals("true") || value.equals("false"))) {
            json.append(value);
        } else if (NUMBERS.contains(name) && isNumber(value)) {
            json.append(value);
        } else {
            string(json, value);
        }
    }

    private static boolean isNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** A JSON string, or null; quotes, backslashes and control characters escaped. */
    static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
