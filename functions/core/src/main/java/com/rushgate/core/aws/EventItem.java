package com.rushgate.core.aws;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The EventTable item layout. */
public final class EventItem {

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String CAPACITY = "capacity";
    public static final String REMAINING = "remaining";
    public static final String OPENS_AT = "opensAt";
    public static final String CLOSES_AT = "closesAt";

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

    static Event fromItem(Map<String, AttributeValue> item) {
        AttributeValue closesAt = item.get(CLOSES_AT);
        return new Event(
                item.get(EVENT_ID).s(),
                EventType.valueOf(item.get(TYPE).s()),
                Integer.parseInt(item.get(CAPACITY).n()),
                Integer.parseInt(item.get(REMAINING).n()),
                Timestamps.parse(item.get(OPENS_AT).s()),
                closesAt == null ? null : Timestamps.parse(closesAt.s()));
    }
}
