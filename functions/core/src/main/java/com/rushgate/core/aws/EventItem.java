package com.rushgate.core.aws;

import com.rushgate.core.app.MalformedItemException;
import com.rushgate.core.app.port.StockLedger;
import com.rushgate.core.domain.ArrivalKey;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.Raffle;
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
    /** A raffle's seed commitment (SHA-256, hex), published from creation. */
    public static final String COMMITMENT = "commitment";
    /** A raffle's draw: OPEN, DRAWN or FINALISED. */
    public static final String DRAW_STATE = "drawState";
    public static final String DRAWN_AT = "drawnAt";
    /** The seed, revealed on the event item once drawn. */
    public static final String REVEALED_SEED = "seed";
    public static final String DRAW_ENTRIES = "drawEntries";
    public static final String DRAW_WINNERS = "drawWinners";
    public static final String DRAW_EXCLUDED = "drawExcluded";
    /** Where the draw's files are, in the analytics bucket. */
    public static final String DRAW_LOCATION = "drawLocation";
    public static final String FANNED_OUT_AT = "fannedOutAt";
    /**
     * The seed item's key: the raffle's id and this suffix ('#' cannot occur in an event id). It
     * holds the secret in {@link #SECRET}, readable by the functions alone until the draw.
     */
    public static final String SEED_SUFFIX = "#seed";
    public static final String SECRET = "secret";

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
        if (event.raffle() != null) {
            item.putAll(raffleAttributes(event.raffle()));
        }
        return item;
    }

    /** The raffle's attributes of the event item, as {@code raffle} describes them. */
    static Map<String, AttributeValue> raffleAttributes(Raffle raffle) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(COMMITMENT, AttributeValue.fromS(raffle.commitment()));
        item.put(DRAW_STATE, AttributeValue.fromS(raffle.state().name()));
        if (raffle.drawn()) {
            item.put(DRAWN_AT, AttributeValue.fromS(Timestamps.format(raffle.drawnAt())));
            item.put(REVEALED_SEED, AttributeValue.fromS(raffle.seed()));
            item.put(DRAW_ENTRIES, AttributeValue.fromN(Long.toString(raffle.entries())));
            item.put(DRAW_WINNERS, AttributeValue.fromN(Integer.toString(raffle.winners())));
            item.put(DRAW_EXCLUDED, AttributeValue.fromN(Integer.toString(raffle.excluded())));
            item.put(DRAW_LOCATION, AttributeValue.fromS(raffle.location()));
        }
        if (raffle.fannedOutAt() != null) {
            item.put(FANNED_OUT_AT, AttributeValue.fromS(Timestamps.format(raffle.fannedOutAt())));
        }
        return item;
    }

    /** The key of {@code eventId}'s seed item. */
    static Map<String, AttributeValue> seedKey(String eventId) {
        return Map.of(EVENT_ID, AttributeValue.fromS(eventId + SEED_SUFFIX));
    }

    /** Whether {@code item} is an event, not one of the other items keyed by an event id and a '#' suffix. */
    static boolean isEvent(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(EVENT_ID);
        return id != null && Event.isValidEventId(id.s());
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
                    closesAt == null ? null : Timestamps.parse(closesAt.s()),
                    raffle(item));
        } catch (RuntimeException e) {
            throw new MalformedItemException("event item '" + eventId + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Raffle raffle(Map<String, AttributeValue> item) {
        AttributeValue commitment = item.get(COMMITMENT);
        if (commitment == null) {
            return null;
        }
        Raffle.DrawState state = Raffle.DrawState.valueOf(required(item, DRAW_STATE).s());
        AttributeValue fannedOut = item.get(FANNED_OUT_AT);
        Instant fannedOutAt = fannedOut == null ? null : Timestamps.parse(fannedOut.s());
        if (state == Raffle.DrawState.OPEN) {
            return new Raffle(commitment.s(), state, null, null, 0, 0, 0, null, fannedOutAt);
        }
        return new Raffle(commitment.s(), state, Timestamps.parse(required(item, DRAWN_AT).s()),
                required(item, REVEALED_SEED).s(), Long.parseLong(required(item, DRAW_ENTRIES).n()),
                Integer.parseInt(required(item, DRAW_WINNERS).n()), Integer.parseInt(required(item, DRAW_EXCLUDED).n()),
                required(item, DRAW_LOCATION).s(), fannedOutAt);
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
