package com.rushgate.core.aws;

import com.rushgate.core.app.MalformedItemException;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The EventTable item layout. */
public final class EventItem {

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String CAPACITY = "capacity";
    public static final String REMAINING = "remaining";
    public static final String OPENS_AT = "opensAt";
    public static final String CLOSES_AT = "closesAt";
    /** The allocator that holds the event's allocation lease (a token per allocator session). */
    public static final String ALLOC_HOLDER = "allocHolder";
    /** Until when that lease is live, epoch ms. */
    public static final String ALLOC_UNTIL = "allocUntil";
    /** The last arrival served, as an arrival index sort key. */
    public static final String ALLOC_CURSOR = "allocCursor";

    private EventItem() {
    }

    static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(EVENT_ID, AttributeValue.fromS(event.eventId()));
        item.put(TYPE, AttributeValue.fromS(event.type().name()));
        item.put(CAPACITY, AttributeValue.fromN(Integer.toString(event.capacity())));
        item.put(REMAINING, AttributeValue.fromN(Integer.toString(event.remaining())));
        item.put(OPENS_AT, AttributeValue.fromS(Timestamps.format(event.opensAt())));
        if (event.closesAt() != null) {
            item.put(CLOSES_AT, AttributeValue.fromS(Timestamps.format(event.closesAt())));
        }
        return item;
    }

    /** @throws MalformedItemException when an attribute is missing or cannot be read */
    static Event fromItem(Map<String, AttributeValue> item) {
        String eventId = item.get(EVENT_ID) == null ? "?" : item.get(EVENT_ID).s();
        try {
            AttributeValue closesAt = item.get(CLOSES_AT);
            return new Event(
                    required(item, EVENT_ID).s(),
                    EventType.valueOf(required(item, TYPE).s()),
                    Integer.parseInt(required(item, CAPACITY).n()),
                    Integer.parseInt(required(item, REMAINING).n()),
                    Timestamps.parse(required(item, OPENS_AT).s()),
                    closesAt == null ? null : Timestamps.parse(closesAt.s()));
        } catch (RuntimeException e) {
            throw new MalformedItemException("event item '" + eventId + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** The allocation side of the item: stock, cursor and lease. */
    static StockLedger.State ledgerState(Map<String, AttributeValue> item) {
        String eventId = item.get(EVENT_ID) == null ? "?" : item.get(EVENT_ID).s();
        try {
            AttributeValue cursor = item.get(ALLOC_CURSOR);
            AttributeValue holder = item.get(ALLOC_HOLDER);
            AttributeValue until = item.get(ALLOC_UNTIL);
            return new StockLedger.State(
                    Integer.parseInt(required(item, REMAINING).n()),
                    cursor == null ? Optional.empty() : Optional.of(ArrivalKey.parse(cursor.s())),
                    holder == null ? Optional.empty() : Optional.of(holder.s()),
                    until == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(until.n())));
        } catch (RuntimeException e) {
            throw new MalformedItemException("event item '" + eventId + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing");
        }
        return value;
    }
}
