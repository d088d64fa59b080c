package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.limits.DynamoDbLimits.Call;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems: every item pays twice the units, a transaction that
 * touches an item another call is changing is cancelled with TransactionConflict, and one that a
 * bucket refuses is cancelled with ThrottlingError on the items it concerns.
 */
final class TransactionCalls {

    private static final List<String> WRITE_KINDS = List.of("Put", "Update", "Delete", "ConditionCheck");

    private final DynamoDbLimits limits;

    TransactionCalls(DynamoDbLimits limits) {
        this.limits = limits;
    }

    Backend.Reply write(Call call) {
        List<PricedItem> parts = new ArrayList<>();
        for (JsonNode item : call.request().path("TransactItems")) {
            String kind = WRITE_KINDS.stream().filter(item::has).findFirst().orElse(null);
            JsonNode spec = kind == null ? null : item.get(kind);
            TableShape shape = spec == null ? null : limits.shape(spec.path("TableName").asText(), call.authorization());
            if (shape == null) {
                return limits.forward(call);
            }
            JsonNode key = kind.equals("Put") ? shape.keyOf(spec.path("Item")) : spec.path("Key");
            String itemKey = shape.itemKey(key);
            String partition = shape.partition(key);
            ItemInfo before = limits.image(itemKey);
            int factor = AwsLimits.TRANSACTION_FACTOR;
            List<Charge> estimate = switch (kind) {
                case "Put" -> WriteCosts.of(shape, partition, before, shape.info(spec.path("Item")), factor);
                case "Delete" -> WriteCosts.of(shape, partition, before, null, factor);
                case "Update" -> WriteCosts.estimateUpdate(shape, partition, before, factor);
                default -> WriteCosts.tableOnly(WriteCosts.of(shape, partition, before, before, factor));
            };
            parts.add(new PricedItem(kind, shape, spec, itemKey, partition, estimate));
        }
        List<String> keys = parts.stream().map(PricedItem::itemKey).toList();
        List<Boolean> conflicts = limits.inflight().beginTransaction(keys);
        if (conflicts != null) {
            limits.counterSink().conflict();
            return limits.errors().cancelled(conflicts.stream().map(c -> c ? "TransactionConflict" : "None").toList());
        }
        try {
            List<Charge> estimate = parts.stream().flatMap(p -> p.estimate().stream()).toList();
            List<Throughput.Throttle> throttles = limits.throughput().reserve(estimate);
            if (!throttles.isEmpty()) {
                limits.counterSink().throttled();
                return limits.errors().cancelled(throttledCodes(parts, throttles));
            }
            Backend.Reply reply = limits.forward(call);
            if (reply.status() != 200) {
                boolean cancelled = AwsErrors.errorType(reply.body()).equals("TransactionCanceledException");
                limits.settle(estimate, cancelled ? WriteCosts.tableOnly(estimate) : List.of());
                return reply;
            }
            List<Charge> consumed = new ArrayList<>();
            for (PricedItem part : parts) {
                ItemInfo before = limits.image(part.itemKey());
                ItemInfo after = switch (part.kind()) {
                    case "Put" -> part.shape().info(part.spec().path("Item"));
                    case "Delete" -> ItemInfo.ABSENT;
                    case "Update" -> currentImage(part, call.authorization());
                    default -> before;
                };
                List<Charge> exact = WriteCosts.of(part.shape(), part.partition(), before, after,
                        AwsLimits.TRANSACTION_FACTOR);
                consumed.addAll(part.kind().equals("ConditionCheck") ? WriteCosts.tableOnly(exact) : exact);
                limits.remember(part.itemKey(), after);
            }
            limits.settle(estimate, consumed);
            return limits.withCapacity(DynamoDbLimits.parse(reply.body()), call.request(), consumed, true);
        } finally {
            limits.inflight().endTransaction(keys);
        }
    }

    /** An updated item as it is now: a transaction cannot return it, so the limits read it (uncounted). */
    private ItemInfo currentImage(PricedItem part, String authorization) {
        ObjectNode get = JsonNodeFactory.instance.objectNode().put("TableName", part.shape().name());
        get.set("Key", part.spec().path("Key"));
        get.put("ConsistentRead", true);
        Backend.Reply reply = limits.callBackend("GetItem", get, authorization);
        return reply.status() == 200 ? part.shape().info(DynamoDbLimits.parse(reply.body()).path("Item"))
                : limits.image(part.itemKey());
    }

    Backend.Reply get(Call call) {
        List<PricedItem> parts = new ArrayList<>();
        for (JsonNode item : call.request().path("TransactItems")) {
            JsonNode spec = item.path("Get");
            TableShape shape = limits.shape(spec.path("TableName").asText(), call.authorization());
            if (shape == null) {
                return limits.forward(call);
            }
            String itemKey = shape.itemKey(spec.path("Key"));
            ItemInfo known = limits.image(itemKey);
            double units = ItemSize.readUnits(known == null ? 0 : known.size(), true) * AwsLimits.TRANSACTION_FACTOR;
            parts.add(new PricedItem("Get", shape, spec, itemKey, shape.partition(spec.path("Key")),
                    List.of(new Charge(shape.name(), null, shape.partition(spec.path("Key")), units, false))));
        }
        List<Boolean> conflicts = limits.inflight().readConflicts(parts.stream().map(PricedItem::itemKey).toList());
        if (conflicts != null) {
            limits.counterSink().conflict();
            return limits.errors().cancelled(conflicts.stream().map(c -> c ? "TransactionConflict" : "None").toList());
        }
        List<Charge> estimate = parts.stream().flatMap(p -> p.estimate().stream()).toList();
        List<Throughput.Throttle> throttles = limits.throughput().reserve(estimate);
        if (!throttles.isEmpty()) {
            limits.counterSink().throttled();
            return limits.errors().cancelled(throttledCodes(parts, throttles));
        }
        Backend.Reply reply = limits.forward(call);
        if (reply.status() != 200) {
            limits.settle(estimate, List.of());
            return reply;
        }
        JsonNode answer = DynamoDbLimits.parse(reply.body());
        List<Charge> consumed = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            PricedItem part = parts.get(i);
            int size = ItemSize.of(answer.path("Responses").path(i).path("Item"));
            consumed.add(new Charge(part.shape().name(), null, part.partition(),
                    ItemSize.readUnits(size, true) * AwsLimits.TRANSACTION_FACTOR, false));
        }
        limits.settle(estimate, consumed);
        return limits.withCapacity(answer, call.request(), consumed, true);
    }

    private static List<String> throttledCodes(List<PricedItem> parts, List<Throughput.Throttle> throttles) {
        Set<String> resources = new HashSet<>();
        throttles.forEach(t -> resources.add(t.resource()));
        List<String> codes = new ArrayList<>();
        for (PricedItem part : parts) {
            boolean hit = part.estimate().stream().anyMatch(c -> resources.contains(c.resource()));
            codes.add(hit ? "ThrottlingError" : "None");
        }
        return codes;
    }
}
