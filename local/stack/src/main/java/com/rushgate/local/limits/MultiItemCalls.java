package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.limits.DynamoDbLimits.Call;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls on many items: transactions (twice the units, conflicts with other in-flight calls)
 * and batches (a throttled item comes back unprocessed; only a batch of which nothing could be
 * admitted is refused as a whole, as in DynamoDB).
 */
final class MultiItemCalls {

    private static final List<String> WRITE_KINDS = List.of("Put", "Update", "Delete", "ConditionCheck");

    private final DynamoDbLimits limits;

    MultiItemCalls(DynamoDbLimits limits) {
        this.limits = limits;
    }

    /** One item of a transaction or batch, priced. */
    private record Part(String kind, TableShape shape, JsonNode spec, String itemKey, String partition,
                        List<Charge> estimate) {
    }

    Backend.Reply transactWrite(Call call) {
        List<Part> parts = new ArrayList<>();
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
            parts.add(new Part(kind, shape, spec, itemKey, partition, estimate));
        }
        List<String> keys = parts.stream().map(Part::itemKey).toList();
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
            for (Part part : parts) {
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
    private ItemInfo currentImage(Part part, String authorization) {
        ObjectNode get = JsonNodeFactory.instance.objectNode().put("TableName", part.shape().name());
        get.set("Key", part.spec().path("Key"));
        get.put("ConsistentRead", true);
        Backend.Reply reply = limits.callBackend("GetItem", get, authorization);
        return reply.status() == 200 ? part.shape().info(DynamoDbLimits.parse(reply.body()).path("Item"))
                : limits.image(part.itemKey());
    }

    Backend.Reply transactGet(Call call) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode item : call.request().path("TransactItems")) {
            JsonNode spec = item.path("Get");
            TableShape shape = limits.shape(spec.path("TableName").asText(), call.authorization());
            if (shape == null) {
                return limits.forward(call);
            }
            String itemKey = shape.itemKey(spec.path("Key"));
            ItemInfo known = limits.image(itemKey);
            double units = ItemSize.readUnits(known == null ? 0 : known.size(), true) * AwsLimits.TRANSACTION_FACTOR;
            parts.add(new Part("Get", shape, spec, itemKey, shape.partition(spec.path("Key")),
                    List.of(new Charge(shape.name(), null, shape.partition(spec.path("Key")), units, false))));
        }
        List<Boolean> conflicts = limits.inflight().readConflicts(parts.stream().map(Part::itemKey).toList());
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
            Part part = parts.get(i);
            int size = ItemSize.of(answer.path("Responses").path(i).path("Item"));
            consumed.add(new Charge(part.shape().name(), null, part.partition(),
                    ItemSize.readUnits(size, true) * AwsLimits.TRANSACTION_FACTOR, false));
        }
        limits.settle(estimate, consumed);
        return limits.withCapacity(answer, call.request(), consumed, true);
    }

    Backend.Reply batchWrite(Call call) {
        ObjectNode admitted = JsonNodeFactory.instance.objectNode();
        ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
        List<Part> parts = new ArrayList<>();
        List<Throughput.Throttle> throttles = new ArrayList<>();
        List<String> writing = new ArrayList<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = call.request().path("RequestItems").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> table = it.next();
                TableShape shape = limits.shape(table.getKey(), call.authorization());
                if (shape == null) {
                    return limits.forward(call);
                }
                for (JsonNode request : table.getValue()) {
                    boolean put = request.has("PutRequest");
                    JsonNode key = put ? shape.keyOf(request.path("PutRequest").path("Item"))
                            : request.path("DeleteRequest").path("Key");
                    String itemKey = shape.itemKey(key);
                    ItemInfo before = limits.image(itemKey);
                    ItemInfo after = put ? shape.info(request.path("PutRequest").path("Item")) : ItemInfo.ABSENT;
                    List<Charge> estimate = WriteCosts.of(shape, shape.partition(key), before, after, 1);
                    if (!limits.inflight().beginWrite(itemKey)) {
                        limits.counterSink().conflict();
                        unprocessed.withArray(table.getKey()).add(request);
                        continue;
                    }
                    writing.add(itemKey);
                    List<Throughput.Throttle> refused = limits.throughput().reserve(estimate);
                    if (!refused.isEmpty()) {
                        throttles.addAll(refused);
                        unprocessed.withArray(table.getKey()).add(request);
                        continue;
                    }
                    admitted.withArray(table.getKey()).add(request);
                    parts.add(new Part(put ? "Put" : "Delete", shape, put ? request : null, itemKey,
                            shape.partition(key), estimate));
                }
            }
            if (parts.isEmpty() && !throttles.isEmpty()) {
                limits.counterSink().throttled();
                return limits.errors().throttled(throttles);
            }
            ObjectNode request = call.request().deepCopy();
            request.set("RequestItems", admitted);
            List<Charge> estimate = parts.stream().flatMap(p -> p.estimate().stream()).toList();
            Backend.Reply reply = parts.isEmpty() ? new Backend.Reply(200, "{}".getBytes())
                    : limits.callBackend("BatchWriteItem", request, call.authorization());
            if (reply.status() != 200) {
                limits.settle(estimate, List.of());
                return reply;
            }
            for (Part part : parts) {
                limits.remember(part.itemKey(), part.spec() == null ? ItemInfo.ABSENT
                        : part.shape().info(part.spec().path("PutRequest").path("Item")));
            }
            limits.settle(estimate, estimate);
            ObjectNode answer = (ObjectNode) DynamoDbLimits.parse(reply.body());
            merge(answer.withObject("UnprocessedItems"), unprocessed);
            return limits.withCapacity(answer, call.request(), estimate, true);
        } finally {
            writing.forEach(limits.inflight()::endWrite);
        }
    }

    Backend.Reply batchGet(Call call) {
        ObjectNode admitted = JsonNodeFactory.instance.objectNode();
        ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
        List<Charge> estimate = new ArrayList<>();
        List<Throughput.Throttle> throttles = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = call.request().path("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            TableShape shape = limits.shape(table.getKey(), call.authorization());
            if (shape == null) {
                return limits.forward(call);
            }
            boolean consistent = table.getValue().path("ConsistentRead").asBoolean(false);
            for (JsonNode key : table.getValue().path("Keys")) {
                ItemInfo known = limits.image(shape.itemKey(key));
                Charge charge = new Charge(shape.name(), null, shape.partition(key),
                        ItemSize.readUnits(known == null ? 0 : known.size(), consistent), false);
                List<Throughput.Throttle> refused = limits.throughput().reserve(List.of(charge));
                ObjectNode target = refused.isEmpty() ? admitted : unprocessed;
                if (!target.has(table.getKey())) {
                    ObjectNode copy = ((ObjectNode) table.getValue()).deepCopy();
                    copy.putArray("Keys");
                    target.set(table.getKey(), copy);
                }
                ((ArrayNode) target.path(table.getKey()).path("Keys")).add(key);
                if (refused.isEmpty()) {
                    estimate.add(charge);
                } else {
                    throttles.addAll(refused);
                }
            }
        }
        if (estimate.isEmpty() && !throttles.isEmpty()) {
            limits.counterSink().throttled();
            return limits.errors().throttled(throttles);
        }
        ObjectNode request = call.request().deepCopy();
        request.set("RequestItems", admitted);
        Backend.Reply reply = limits.callBackend("BatchGetItem", request, call.authorization());
        if (reply.status() != 200) {
            limits.settle(estimate, List.of());
            return reply;
        }
        ObjectNode answer = (ObjectNode) DynamoDbLimits.parse(reply.body());
        List<Charge> consumed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = admitted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            TableShape shape = limits.shape(table.getKey(), call.authorization());
            boolean consistent = table.getValue().path("ConsistentRead").asBoolean(false);
            Map<String, Integer> sizes = new java.util.HashMap<>();
            for (JsonNode item : answer.path("Responses").path(table.getKey())) {
                sizes.put(shape.itemKey(item), ItemSize.of(item));
            }
            for (JsonNode key : table.getValue().path("Keys")) {
                consumed.add(new Charge(shape.name(), null, shape.partition(key),
                        ItemSize.readUnits(sizes.getOrDefault(shape.itemKey(key), 0), consistent), false));
            }
        }
        limits.settle(estimate, consumed);
        merge(answer.withObject("UnprocessedKeys"), unprocessed);
        return limits.withCapacity(answer, call.request(), consumed, true);
    }

    private static List<String> throttledCodes(List<Part> parts, List<Throughput.Throttle> throttles) {
        Set<String> resources = new HashSet<>();
        throttles.forEach(t -> resources.add(t.resource()));
        List<String> codes = new ArrayList<>();
        for (Part part : parts) {
            boolean hit = part.estimate().stream().anyMatch(c -> resources.contains(c.resource()));
            codes.add(hit ? "ThrottlingError" : "None");
        }
        return codes;
    }

    private static void merge(ObjectNode into, ObjectNode more) {
        for (Iterator<Map.Entry<String, JsonNode>> it = more.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = into.get(entry.getKey());
            if (existing instanceof ArrayNode array && entry.getValue() instanceof ArrayNode extra) {
                array.addAll(extra);
            } else if (existing instanceof ObjectNode object && entry.getValue().has("Keys")) {
                object.withArray("Keys").addAll((ArrayNode) entry.getValue().path("Keys"));
            } else {
                into.set(entry.getKey(), entry.getValue());
            }
        }
    }
}
