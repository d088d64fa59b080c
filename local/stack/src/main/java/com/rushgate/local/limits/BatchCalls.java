package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.limits.DynamoDbLimits.Call;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * BatchWriteItem and BatchGetItem: each item is admitted on its own; one that is throttled or in
 * a transaction in flight comes back unprocessed, and only a batch of which nothing could be
 * admitted is refused as a whole, as in DynamoDB.
 */
final class BatchCalls {

    private final DynamoDbLimits limits;

    BatchCalls(DynamoDbLimits limits) {
        this.limits = limits;
    }

    Backend.Reply write(Call call) {
        ObjectNode admitted = JsonNodeFactory.instance.objectNode();
        ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
        List<PricedItem> parts = new ArrayList<>();
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
                    parts.add(new PricedItem(put ? "Put" : "Delete", shape, put ? request : null, itemKey,
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
            for (PricedItem part : parts) {
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

    Backend.Reply get(Call call) {
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
            Map<String, Integer> sizes = new HashMap<>();
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
