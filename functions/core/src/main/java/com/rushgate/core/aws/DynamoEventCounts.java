package com.rushgate.core.aws;

import com.rushgate.core.app.port.EventCounts;
import com.rushgate.core.domain.LatencyHistogram;
import com.rushgate.core.domain.RequestStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link EventCounts} on the CountsTable ({@link CountsItem}), which the Tally function keeps from
 * the RequestTable stream. One {@code Query} on the event's partition reads the totals and the
 * latency slots of the last {@code latencyWindowMinutes} minutes (the current minute and the ones
 * before it), eventually consistent: a few KB, one or two read units, whatever the event's size.
 *
 * <p>The p95 is read from the slots' histograms ({@link LatencyHistogram}): never below the exact
 * p95 of the requests decided in the window, and at most 10% (plus 1 ms) above it.
 */
public final class DynamoEventCounts implements EventCounts {

    private static final double P95 = 0.95;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int latencyWindowMinutes;

    /** @param latencyWindowMinutes minutes of decisions the latency covers, at least 1 */
    public DynamoEventCounts(DynamoDbClient dynamoDb, String tableName, int latencyWindowMinutes) {
        if (latencyWindowMinutes < 1) {
            throw new IllegalArgumentException("latencyWindowMinutes must be at least 1: " + latencyWindowMinutes);
        }
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.latencyWindowMinutes = latencyWindowMinutes;
    }

    @Override
    public Counts read(String eventId, Instant now) {
        long nowMinute = Math.floorDiv(now.toEpochMilli(), 60_000L);
        // "lat#..." sorts before "totals": from the window's first slot on, the query returns the
        // window's latency slots and then the totals.
        String from = CountsItem.latencySlot(nowMinute - latencyWindowMinutes + 1);
        String to = CountsItem.latencySlot(nowMinute);
        Map<String, AttributeValue> totals = Map.of();
        Map<Integer, Long> histogram = new HashMap<>();
        try {
            for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(query -> query
                    .tableName(tableName)
                    .keyConditionExpression("#e = :e AND #s >= :from")
                    .expressionAttributeNames(Map.of("#e", CountsItem.EVENT_ID, "#s", CountsItem.SLOT))
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(eventId), ":from", AttributeValue.fromS(from)))
            ).items()) {
                String slot = item.get(CountsItem.SLOT).s();
                if (slot.equals(CountsItem.TOTALS)) {
                    totals = item;
                } else if (slot.startsWith(CountsItem.LATENCY_PREFIX) && slot.compareTo(to) <= 0) {
                    addBuckets(item, histogram);
                }
            }
        } catch (SdkException e) {
            throw SdkFailures.translate("Query on " + tableName, e);
        }
        return counts(totals, histogram);
    }

    private static void addBuckets(Map<String, AttributeValue> slot, Map<Integer, Long> histogram) {
        slot.forEach((name, value) -> {
            if (name.startsWith(CountsItem.BUCKET_PREFIX)) {
                histogram.merge(Integer.parseInt(name.substring(CountsItem.BUCKET_PREFIX.length())),
                        Long.parseLong(value.n()), Long::sum);
            }
        });
    }

    private Counts counts(Map<String, AttributeValue> totals, Map<Integer, Long> histogram) {
        Map<String, Long> inFlight = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long newest = -1;
        for (Map.Entry<String, AttributeValue> entry : totals.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(CountsItem.COUNTED_PREFIX)) {
                newest = Math.max(newest, Long.parseLong(entry.getValue().n()));
            } else if (name.startsWith(CountsItem.REJECTED_PREFIX) && number(entry.getValue()) != 0) {
                rejected.put(name.substring(CountsItem.REJECTED_PREFIX.length()), number(entry.getValue()));
            }
        }
        for (RequestStatus status : RequestStatus.values()) {
            long count = number(totals.get(CountsItem.counterOf(status, null)));
            if (!status.isFinal() && count != 0) {
                inFlight.put(status.name(), count);
            }
        }
        return new Counts(number(totals.get(CountsItem.ACCEPTED)), inFlight, number(totals.get(CountsItem.SUCCEEDED)),
                rejected, number(totals.get(CountsItem.counterOf(RequestStatus.FAILED_FINAL, null))),
                LatencyHistogram.quantile(histogram, P95), latencyWindowMinutes,
                newest < 0 ? null : Instant.ofEpochMilli(newest));
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    public int latencyWindowMinutes() {
        return latencyWindowMinutes;
    }
}
