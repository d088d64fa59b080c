package com.rushgate.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.QueueSpec;
import com.rushgate.local.template.StackModel.TableSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates every table (keys, indexes, stream, TTL) and every queue (attributes, RedrivePolicy)
 * the template declares. Idempotent: with a data directory the tables may exist already.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProvisionedThroughput LOCAL_THROUGHPUT = ProvisionedThroughput.builder()
            .readCapacityUnits(1000L).writeCapacityUnits(1000L).build();

    /** Queue attributes ElasticMQ honours; SSE and KMS settings have no local meaning. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue",
            "ContentBasedDeduplication");

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
    }

    public void provision(StackModel model, LocalNames names) {
        for (TableSpec table : model.tables()) {
            TableDescription description = existing(table.name());
            if (description == null) {
                description = create(table);
                LOG.debug("created table {}", table.name());
            }
            if (description.latestStreamArn() != null) {
                names.streamArn(table.logicalId(), description.latestStreamArn());
            }
        }
        // Dead letter queues first, so that a queue's RedrivePolicy can name them when it is
        // created: ElasticMQ learns a DLQ's source queue only then, and needs it for a console-style
        // redrive (StartMessageMoveTask without a destination).
        List<QueueSpec> ordered = new ArrayList<>(model.queues());
        ordered.sort(Comparator.comparing(queue -> queue.properties().containsKey("RedrivePolicy")));
        for (QueueSpec queue : ordered) {
            createQueue(queue);
        }
    }

    /** For a stack provisioned by another process: learns the stream ARNs, creates nothing. */
    public void learnStreams(StackModel model, LocalNames names) {
        for (TableSpec table : model.tables()) {
            TableDescription description = existing(table.name());
            if (description == null) {
                throw new IllegalStateException("the running stack has no table " + table.name()
                        + "; was it started from the same template?");
            }
            if (description.latestStreamArn() != null) {
                names.streamArn(table.logicalId(), description.latestStreamArn());
            }
        }
    }

    private TableDescription existing(String tableName) {
        try {
            return dynamoDb.describeTable(d -> d.tableName(tableName)).table();
        } catch (ResourceNotFoundException missing) {
            return null;
        }
    }

    private TableDescription create(TableSpec table) {
        Map<String, Object> p = table.properties();
        boolean onDemand = !"PROVISIONED".equals(p.get("BillingMode"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.name())
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(text(a, "AttributeName"))
                                .attributeType(text(a, "AttributeType")).build())
                        .toList())
                .keySchema(keys(p.get("KeySchema")))
                .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(LOCAL_THROUGHPUT);
        }
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        for (Map<String, Object> index : list(p.get("GlobalSecondaryIndexes"))) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(text(index, "IndexName"))
                    .keySchema(keys(index.get("KeySchema")))
                    .projection(projection(index.get("Projection")));
            if (!onDemand) {
                gsi.provisionedThroughput(LOCAL_THROUGHPUT);
            }
            globals.add(gsi.build());
        }
        if (!globals.isEmpty()) {
            request.globalSecondaryIndexes(globals);
        }
        List<LocalSecondaryIndex> locals = list(p.get("LocalSecondaryIndexes")).stream()
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(text(index, "IndexName"))
                        .keySchema(keys(index.get("KeySchema")))
                        .projection(projection(index.get("Projection"))).build())
                .toList();
        if (!locals.isEmpty()) {
            request.localSecondaryIndexes(locals);
        }
        Map<String, Object> stream = map(p.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        TableDescription created = dynamoDb.createTable(request.build()).tableDescription();
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamoDb.updateTimeToLive(u -> u.tableName(table.name()).timeToLiveSpecification(
                    s -> s.attributeName(text(ttl, "AttributeName")).enabled(true)));
        }
        return created;
    }

    private void createQueue(QueueSpec queue) {
        Map<String, String> attributes = new HashMap<>();
        for (String name : QUEUE_ATTRIBUTES) {
            Object value = queue.properties().get(name);
            if (value != null) {
                attributes.put(name, scalar(value));
            }
        }
        Object redrive = queue.properties().get("RedrivePolicy");
        if (redrive != null) {
            attributes.put("RedrivePolicy", json(redrive));
        }
        sqs.createQueue(c -> c.queueName(queue.name()).attributesWithStrings(attributes));
        LOG.debug("created queue {}", queue.name());
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k, "AttributeName"))
                        .keyType(text(k, "KeyType")).build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder()
                .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")).toUpperCase(Locale.ROOT));
        List<?> nonKey = projection.get("NonKeyAttributes") instanceof List<?> l ? l : List.of();
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static String json(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            Map<String, Object> normalised = new HashMap<>();
            map(value).forEach((k, v) -> normalised.put(k, v instanceof String s && s.matches("\\d+") ? Integer.parseInt(s) : v));
            return JSON.writeValueAsString(normalised);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot render " + value + " as JSON", e);
        }
    }

    private static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key + " in " + map);
        }
        return String.valueOf(value);
    }
}
