package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.limits.DynamoDbLimits.Call;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.List;
import java.util.Objects;

/**
 * The calls on one item or one key range: PutItem, UpdateItem and DeleteItem (which conflict
 * with a transaction in flight on the item), GetItem, and Query and Scan (which pay for the size
 * they return, and a Query only on its partition).
 */
final class SingleItemCalls {

    private final DynamoDbLimits limits;

    SingleItemCalls(DynamoDbLimits limits) {
        this.limits = limits;
    }

    Backend.Reply write(Call call) {
        ObjectNode request = call.request();
        TableShape shape = limits.shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return limits.forward(call);
        }
        boolean put = call.operation().equals("PutItem");
        JsonNode key = put ? shape.keyOf(request.path("Item")) : request.path("Key");
        String itemKey = shape.itemKey(key);
        String partition = shape.partition(key);
        ItemInfo before = limits.image(itemKey);
        List<Charge> estimate = switch (call.operation()) {
            case "PutItem" -> WriteCosts.of(shape, partition, before, shape.info(request.path("Item")), 1);
            case "DeleteItem" -> WriteCosts.of(shape, partition, before, null, 1);
            default -> WriteCosts.estimateUpdate(shape, partition, before, 1);
        };
        if (!limits.inflight().beginWrite(itemKey)) {
            limits.counterSink().conflict();
            return limits.errors().transactionConflict();
        }
        try {
            List<Throughput.Throttle> throttles = limits.throughput().reserve(estimate);
            if (!throttles.isEmpty()) {
                limits.counterSink().throttled();
                return limits.errors().throttled(throttles);
            }
            String asked = request.path("ReturnValues").asText("NONE");
            boolean rewritten = asked.equals("NONE");
            if (rewritten) {
                request.put("ReturnValues", call.operation().equals("UpdateItem") ? "ALL_NEW" : "ALL_OLD");
            }
            String returned = rewritten ? request.path("ReturnValues").asText() : asked;
            Backend.Reply reply = limits.forward(call);
            JsonNode answer = DynamoDbLimits.parse(reply.body());
            List<Charge> consumed;
            if (reply.status() == 200) {
                JsonNode attributes = answer.path("Attributes");
                ItemInfo old = returned.equals("ALL_OLD") ? shape.info(attributes) : before;
                ItemInfo after = switch (call.operation()) {
                    case "PutItem" -> shape.info(request.path("Item"));
                    case "DeleteItem" -> ItemInfo.ABSENT;
                    default -> returned.equals("ALL_NEW") ? shape.info(attributes) : old;
                };
                consumed = WriteCosts.of(shape, partition, old, after, 1);
                limits.remember(itemKey, after);
                if (rewritten) {
                    ((ObjectNode) answer).remove("Attributes");
                }
            } else if (AwsErrors.errorType(reply.body()).equals("ConditionalCheckFailedException")) {
                ItemInfo found = answer.has("Item") ? shape.info(answer.path("Item")) : before;
                limits.remember(itemKey, found);
                consumed = WriteCosts.tableOnly(WriteCosts.of(shape, partition, found, found, 1));
            } else {
                consumed = List.of();
            }
            limits.settle(estimate, consumed);
            return reply.status() == 200 ? limits.withCapacity(answer, request, consumed, false) : reply;
        } finally {
            limits.inflight().endWrite(itemKey);
        }
    }

    Backend.Reply getItem(Call call) {
        ObjectNode request = call.request();
        TableShape shape = limits.shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return limits.forward(call);
        }
        boolean consistent = request.path("ConsistentRead").asBoolean(false);
        String itemKey = shape.itemKey(request.path("Key"));
        ItemInfo known = Objects.requireNonNullElse(limits.image(itemKey), ItemInfo.ABSENT);
        List<Charge> estimate = List.of(new Charge(shape.name(), null, shape.partition(request.path("Key")),
                ItemSize.readUnits(known.size(), consistent), false));
        Backend.Reply reply = admitAndForward(call, estimate);
        if (reply.status() != 200 || estimate.isEmpty()) {
            return reply;
        }
        JsonNode answer = DynamoDbLimits.parse(reply.body());
        int size = ItemSize.of(answer.path("Item"));
        if (!request.has("ProjectionExpression") && !request.has("AttributesToGet")) {
            limits.remember(itemKey, shape.info(answer.path("Item")));
        }
        List<Charge> consumed = List.of(new Charge(shape.name(), null, estimate.get(0).partition(),
                ItemSize.readUnits(size, consistent), false));
        limits.settle(estimate, consumed);
        return limits.withCapacity(answer, request, consumed, false);
    }

    Backend.Reply queryOrScan(Call call) {
        ObjectNode request = call.request();
        TableShape shape = limits.shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return limits.forward(call);
        }
        String indexName = request.path("IndexName").asText(null);
        TableShape.Index index = indexName == null ? null : shape.index(indexName);
        String partition = call.operation().equals("Query")
                ? KeyConditions.partition(request, index == null ? shape.hashKey() : index.hashKey()) : null;
        boolean consistent = request.path("ConsistentRead").asBoolean(false);
        List<Charge> estimate = List.of(new Charge(shape.name(), index == null ? null : index.name(), partition,
                ItemSize.readUnits(0, consistent), false));
        Backend.Reply reply = admitAndForward(call, estimate);
        if (reply.status() != 200) {
            return reply;
        }
        JsonNode answer = DynamoDbLimits.parse(reply.body());
        int bytes = 0;
        for (JsonNode item : answer.path("Items")) {
            bytes += ItemSize.of(item);
        }
        List<Charge> consumed = List.of(new Charge(shape.name(), estimate.get(0).index(), partition,
                ItemSize.readUnits(bytes, consistent), false));
        limits.settle(estimate, consumed);
        return limits.withCapacity(answer, request, consumed, false);
    }

    /** Reserves the estimate and forwards; a refusal is the throttling error, and nothing is reserved. */
    private Backend.Reply admitAndForward(Call call, List<Charge> estimate) {
        List<Throughput.Throttle> throttles = limits.throughput().reserve(estimate);
        if (!throttles.isEmpty()) {
            limits.counterSink().throttled();
            return limits.errors().throttled(throttles);
        }
        Backend.Reply reply = limits.forward(call);
        if (reply.status() != 200) {
            limits.settle(estimate, List.of());
        }
        return reply;
    }
}
