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
 *
 * <p>This class routes each operation and holds what its calls share (the tables' shapes, the
 * items' last known images, the buckets, the counters); {@link SingleItemCalls},
 * {@link TransactionCalls} and {@link BatchCalls} price and admit them.
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
    private final SingleItemCalls single;
    private final TransactionCalls transactions;
    private final BatchCalls batches;

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
        this.single = new SingleItemCalls(this);
        this.transactions = new TransactionCalls(this);
        this.batches = new BatchCalls(this);
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
            case "PutItem", "UpdateItem", "DeleteItem" -> single.write(call);
            case "GetItem" -> single.getItem(call);
            case "Query", "Scan" -> single.queryOrScan(call);
            case "BatchWriteItem" -> batches.write(call);
            case "BatchGetItem" -> batches.get(call);
            case "TransactWriteItems" -> transactions.write(call);
            case "TransactGetItems" -> transactions.get(call);
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

    // ---- what the calls share

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
