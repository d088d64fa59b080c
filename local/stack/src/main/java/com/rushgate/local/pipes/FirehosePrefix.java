package com.rushgate.local.pipes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Firehose S3 prefix with its expressions: {@code !{timestamp:pattern}} (Java date-time pattern,
 * evaluated at the arrival time of the oldest record of the object, in the stream's time zone),
 * {@code !{firehose:random-string}} and {@code !{firehose:error-output-type}}. A prefix without a
 * timestamp expression gets Firehose's default {@code yyyy/MM/dd/HH/} appended, as Firehose does.
 * Dynamic partitioning keys ({@code !{partitionKeyFrom...}}) are refused.
 */
public final class FirehosePrefix {

    private static final Pattern EXPRESSION = Pattern.compile("!\\{([^}:]+):([^}]*)}");
    private static final String DEFAULT_TIME_PREFIX = "yyyy/MM/dd/HH/";

    private final String prefix;
    private final ZoneId zone;

    /**
     * @throws IllegalArgumentException for an expression Firehose has but the local stack does not evaluate
     */
    public FirehosePrefix(String prefix, ZoneId zone) {
        this.zone = zone;
        String given = prefix == null ? "" : prefix;
        Matcher matcher = EXPRESSION.matcher(given);
        boolean hasTimestamp = false;
        while (matcher.find()) {
            String namespace = matcher.group(1);
            String argument = matcher.group(2);
            switch (namespace) {
                case "timestamp" -> {
                    DateTimeFormatter.ofPattern(argument, Locale.ROOT);
                    hasTimestamp = true;
                }
                case "firehose" -> {
                    if (!argument.equals("random-string") && !argument.equals("error-output-type")) {
                        throw new IllegalArgumentException("Firehose prefix: !{firehose:" + argument + "} is not supported");
                    }
                }
                default -> throw new IllegalArgumentException("Firehose prefix: !{" + namespace + ":...} is not supported"
                        + " by the local stack (dynamic partitioning is not emulated)");
            }
        }
        this.prefix = hasTimestamp ? given : given + "!{timestamp:" + DEFAULT_TIME_PREFIX + "}";
    }

    /**
     * The prefix for an object whose oldest record arrived at {@code arrival}.
     *
     * @param errorOutputType the error type for an error prefix, or null for a delivery prefix
     */
    public String evaluate(Instant arrival, String errorOutputType) {
        Matcher matcher = EXPRESSION.matcher(prefix);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "timestamp" -> DateTimeFormatter.ofPattern(matcher.group(2), Locale.ROOT).withZone(zone).format(arrival);
                default -> matcher.group(2).equals("random-string")
                        ? UUID.randomUUID().toString().replace("-", "").substring(0, 11)
                        : errorOutputType == null ? "" : errorOutputType;
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return prefix;
    }
}
