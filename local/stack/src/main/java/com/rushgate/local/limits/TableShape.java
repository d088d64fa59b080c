package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the limits need to know of a table: its key, its global secondary indexes (key and
 * projection) and its warm throughput. Learned from DescribeTable, warm throughput from the template.
 */
record TableShape(String name, String hashKey, String rangeKey, List<Index> indexes, double warmWriteUnits,
                  double warmReadUnits) {

    /** One GSI: its key and what it projects (ALL, KEYS_ONLY or INCLUDE with nonKeyAttributes). */
    record Index(String name, String hashKey, String rangeKey, String projection, Set<String> nonKeyAttributes) {
    }

    /** An item's entry in one index: where it lives, its key there, its size, and a digest of what is projected. */
    record IndexEntry(String partition, String key, int size, int digest) {
    }

    /** What the proxy remembers of an item: its size and its index entries. */
    record ItemInfo(int size, Map<String, IndexEntry> entries) {
        static final ItemInfo ABSENT = new ItemInfo(0, Map.of());
    }

    static TableShape fromDescription(JsonNode table, double warmWriteUnits, double warmReadUnits) {
        String hash = null;
        String range = null;
        for (JsonNode key : table.path("KeySchema")) {
            if ("HASH".equals(key.path("KeyType").asText())) {
                hash = key.path("AttributeName").asText();
            } else {
                range = key.path("AttributeName").asText();
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (JsonNode gsi : table.path("GlobalSecondaryIndexes")) {
            String indexHash = null;
            String indexRange = null;
            for (JsonNode key : gsi.path("KeySchema")) {
                if ("HASH".equals(key.path("KeyType").asText())) {
                    indexHash = key.path("AttributeName").asText();
                } else {
                    indexRange = key.path("AttributeName").asText();
                }
            }
            Set<String> nonKey = new HashSet<>();
            gsi.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            indexes.add(new Index(gsi.path("IndexName").asText(), indexHash, indexRange,
                    gsi.path("Projection").path("ProjectionType").asText("ALL"), Set.copyOf(nonKey)));
        }
        return new TableShape(table.path("TableName").asText(), hash, range, List.copyOf(indexes), warmWriteUnits,
                warmReadUnits);
    }

    Index index(String indexName) {
        for (Index index : indexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    /** The item's identity across tables: table, partition key value, sort key value. */
    String itemKey(JsonNode keyOrItem) {
        return name + "|" + partition(keyOrItem) + "|" + (rangeKey == null ? "" : canonical(keyOrItem.get(rangeKey)));
    }

    /** The partition (each key value its own partition when hot) of an item or key. */
    String partition(JsonNode keyOrItem) {
        return canonical(keyOrItem.get(hashKey));
    }

    ObjectNode keyOf(JsonNode item) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.set(hashKey, item.get(hashKey));
        if (rangeKey != null) {
            key.set(rangeKey, item.get(rangeKey));
        }
        return key;
    }

    ItemInfo info(JsonNode item) {
        if (item == null || !item.isObject() || item.isEmpty()) {
            return ItemInfo.ABSENT;
        }
        Map<String, IndexEntry> entries = new HashMap<>();
        for (Index index : indexes) {
            JsonNode hash = item.get(index.hashKey());
            JsonNode range = index.rangeKey() == null ? null : item.get(index.rangeKey());
            if (hash == null || (index.rangeKey() != null && range == null)) {
                continue;
            }
            Map<String, JsonNode> projected = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                String attributeName = attribute.getKey();
                boolean isKey = attributeName.equals(hashKey) || attributeName.equals(rangeKey)
                        || attributeName.equals(index.hashKey()) || attributeName.equals(index.rangeKey());
                if (isKey || "ALL".equals(index.projection())
                        || ("INCLUDE".equals(index.projection()) && index.nonKeyAttributes().contains(attributeName))) {
                    projected.put(attributeName, attribute.getValue());
                }
            }
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            projected.forEach(entry::set);
            String partition = canonical(hash);
            entries.put(index.name(), new IndexEntry(partition, partition + "|" + canonical(range),
                    ItemSize.of(entry), entry.toString().hashCode()));
        }
        return new ItemInfo(ItemSize.of(item), Map.copyOf(entries));
    }

    private static String canonical(JsonNode typed) {
        return typed == null ? "" : typed.toString();
    }
}
