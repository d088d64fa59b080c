package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * DynamoDB's limits around DynamoDB Local, one JSON call at a time: it prices each call in
 * capacity units, admits it against the buckets of the partitions, tables and indexes it touches,
 * refuses what AWS would refuse (throughput, transaction conflicts) with AWS's error bodies,
 * forwards the rest, settles what the call really consumed and reports it in ConsumedCapacity.
 * Operations it does not price (the control plane, streams) pass through unchanged.
 *
 * <p>Sizes come from the items themselves: a put knows the new item; updates and deletes are
 * forwarded asking DynamoDB Local for the item after (or before) the change, which the caller
 * then does not see unless it asked for it; what an item looked like before is what the proxy saw
 * of it last. Admission uses what is known before the call; the exact units are settled after it.
 */
public final class DynamoDbLimits {

    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Backend backend;
    private final Map<String, double[]> warmThroughput;
    private final Map<String, TableShape> shapes = new ConcurrentHashMap<>();
    private final Map<String, ItemInfo> images = new ConcurrentHashMap<>();
    private final LimitsCounters counters = new LimitsCounters();
    private final InflightTransactions inflight = new InflightTransactions();
    private final Throughput throughput;
    private final AwsErrors errors;
    private final MultiItemCalls multi;

    /**
     * @param warmThroughput per table name, {write units, read units} per second from the template's
     *                       WarmThroughput; tables without one get the on-demand defaults
     * @param nanos          the clock the buckets refill by (System::nanoTime, or a test's hand)
     */
    DynamoDbLimits(AwsLimits limits, Backend backend, Map<String, double[]> warmThroughput, LongSupplier nanos,
                   String region, String account) {
        this.backend = backend;
        this.warmThroughput = Map.copyOf(warmThroughput);
        this.throughput = new Throughput(limits, nanos, shapes::get);
        this.errors = new AwsErrors("arn:aws:dynamodb:" + region + ":" + account + ":table/");
        this.multi = new MultiItemCalls(this);
    }

    public LimitsCounters.Snapshot counters() {
        return counters.snapshot();
    }

    Backend.Reply handle(String target, byte[] body, String authorization) {
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return backend.call(target, body, authorization);
        }
        Call call = new Call(operation, (ObjectNode) request, authorization);
        return switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem" -> singleWrite(call);
            case "GetItem" -> getItem(call);
            case "Query", "Scan" -> queryOrScan(call);
            case "BatchWriteItem" -> multi.batchWrite(call);
            case "BatchGetItem" -> multi.batchGet(call);
            case "TransactWriteItems" -> multi.transactWrite(call);
            case "TransactGetItems" -> multi.transactGet(call);
            case "CreateTable", "DeleteTable", "UpdateTable" -> {
                shapes.remove(request.path("TableName").asText());
                yield backend.call(target, body, authorization);
            }
            default -> backend.call(target, body, authorization);
        };
    }

    /** One call in flight: the operation, its request (which the limits may rewrite) and the caller's credentials. */
    record Call(String operation, ObjectNode request, String authorization) {
    }

    private Backend.Reply singleWrite(Call call) {
        ObjectNode request = call.request();
        TableShape shape = shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return forward(call);
        }
        boolean put = call.operation().equals("PutItem");
        JsonNode key = put ? shape.keyOf(request.path("Item")) : request.path("Key");
        String itemKey = shape.itemKey(key);
        String partition = shape.partition(key);
        ItemInfo before = images.get(itemKey);
        List<Charge> estimate = switch (call.operation()) {
            case "PutItem" -> WriteCosts.of(shape, partition, before, shape.info(request.path("Item")), 1);
            case "DeleteItem" -> WriteCosts.of(shape, partition, before, null, 1);
            default -> WriteCosts.estimateUpdate(shape, partition, before, 1);
        };
        if (!inflight.beginWrite(itemKey)) {
            counters.conflict();
            return errors.transactionConflict();
        }
        try {
            List<Throughput.Throttle> throttles = throughput.reserve(estimate);
            if (!throttles.isEmpty()) {
                counters.throttled();
                return errors.throttled(throttles);
            }
            String asked = request.path("ReturnValues").asText("NONE");
            boolean rewritten = asked.equals("NONE");
            if (rewritten) {
                request.put("ReturnValues", call.operation().equals("UpdateItem") ? "ALL_NEW" : "ALL_OLD");
            }
            String returned = rewritten ? request.path("ReturnValues").asText() : asked;
            Backend.Reply reply = forward(call);
            JsonNode answer = parse(reply.body());
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
                remember(itemKey, after);
                if (rewritten) {
                    ((ObjectNode) answer).remove("Attributes");
                }
            } else if (AwsErrors.errorType(reply.body()).equals("ConditionalCheckFailedException")) {
                ItemInfo found = answer.has("Item") ? shape.info(answer.path("Item")) : before;
                remember(itemKey, found);
                consumed = WriteCosts.tableOnly(WriteCosts.of(shape, partition, found, found, 1));
            } else {
                consumed = List.of();
            }
            settle(estimate, consumed);
            return reply.status() == 200 ? withCapacity(answer, request, consumed, false) : reply;
        } finally {
            inflight.endWrite(itemKey);
        }
    }

    private Backend.Reply getItem(Call call) {
        ObjectNode request = call.request();
        TableShape shape = shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return forward(call);
        }
        boolean consistent = request.path("ConsistentRead").asBoolean(false);
        String itemKey = shape.itemKey(request.path("Key"));
        ItemInfo known = images.getOrDefault(itemKey, ItemInfo.ABSENT);
        List<Charge> estimate = List.of(new Charge(shape.name(), null, shape.partition(request.path("Key")),
                ItemSize.readUnits(known.size(), consistent), false));
        Backend.Reply reply = admitAndForward(call, estimate);
        if (reply.status() != 200 || estimate.isEmpty()) {
            return reply;
        }
        JsonNode answer = parse(reply.body());
        int size = ItemSize.of(answer.path("Item"));
        if (!request.has("ProjectionExpression") && !request.has("AttributesToGet")) {
            remember(itemKey, shape.info(answer.path("Item")));
        }
        List<Charge> consumed = List.of(new Charge(shape.name(), null, estimate.get(0).partition(),
                ItemSize.readUnits(size, consistent), false));
        settle(estimate, consumed);
        return withCapacity(answer, request, consumed, false);
    }

    private Backend.Reply queryOrScan(Call call) {
        ObjectNode request = call.request();
        TableShape shape = shape(request.path("TableName").asText(), call.authorization());
        if (shape == null) {
            return forward(call);
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
        JsonNode answer = parse(reply.body());
        int bytes = 0;
        for (JsonNode item : answer.path("Items")) {
            bytes += ItemSize.of(item);
        }
        List<Charge> consumed = List.of(new Charge(shape.name(), estimate.get(0).index(), partition,
                ItemSize.readUnits(bytes, consistent), false));
        settle(estimate, consumed);
        return withCapacity(answer, request, consumed, false);
    }

    /** Reserves the estimate and forwards; a refusal is the throttling error, and nothing is reserved. */
    private Backend.Reply admitAndForward(Call call, List<Charge> estimate) {
        List<Throughput.Throttle> throttles = throughput.reserve(estimate);
        if (!throttles.isEmpty()) {
            counters.throttled();
            return errors.throttled(throttles);
        }
        Backend.Reply reply = forward(call);
        if (reply.status() != 200) {
            settle(estimate, List.of());
        }
        return reply;
    }

    // ---- what MultiItemCalls shares

    TableShape shape(String table, String authorization) {
        TableShape known = shapes.get(table);
        if (known != null || table.isEmpty()) {
            return known;
        }
        ObjectNode describe = JSON.createObjectNode().put("TableName", table);
        Backend.Reply reply = backend.call(TARGET_PREFIX + "DescribeTable", bytes(describe), authorization);
        if (reply.status() != 200) {
            return null;
        }
        double[] warm = warmThroughput.getOrDefault(table,
                new double[] {AwsLimits.ON_DEMAND_WARM_WRITE_UNITS, AwsLimits.ON_DEMAND_WARM_READ_UNITS});
        TableShape shape = TableShape.fromDescription(parse(reply.body()).path("Table"), warm[0], warm[1]);
        shapes.put(table, shape);
        return shape;
    }

    ItemInfo image(String itemKey) {
        return images.get(itemKey);
    }

    void remember(String itemKey, ItemInfo info) {
        if (info == null || info == ItemInfo.ABSENT) {
            images.remove(itemKey);
        } else {
            images.put(itemKey, info);
        }
    }

    Backend.Reply forward(Call call) {
        return backend.call(TARGET_PREFIX + call.operation(), bytes(call.request()), call.authorization());
    }

    Backend.Reply callBackend(String operation, ObjectNode request, String authorization) {
        return backend.call(TARGET_PREFIX + operation, bytes(request), authorization);
    }

    void settle(List<Charge> reserved, List<Charge> consumed) {
        throughput.settle(reserved, consumed);
        counters.consumed(consumed);
    }

    Throughput throughput() {
        return throughput;
    }

    LimitsCounters counterSink() {
        return counters;
    }

    InflightTransactions inflight() {
        return inflight;
    }

    AwsErrors errors() {
        return errors;
    }

    Backend.Reply withCapacity(JsonNode answer, ObjectNode request, List<Charge> consumed, boolean list) {
        ObjectNode out = (ObjectNode) answer;
        out.remove("ConsumedCapacity");
        String mode = request.path("ReturnConsumedCapacity").asText("NONE");
        if (!mode.equals("NONE")) {
            out.set("ConsumedCapacity", ConsumedCapacityJson.of(consumed, mode.equals("INDEXES"), list));
        }
        return new Backend.Reply(200, bytes(out));
    }

    static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
