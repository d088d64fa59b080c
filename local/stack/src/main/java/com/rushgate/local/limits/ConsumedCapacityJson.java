package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ConsumedCapacity as DynamoDB reports it: per table, with TOTAL the sums, with INDEXES also the table's and each index's share. */
final class ConsumedCapacityJson {

    private ConsumedCapacityJson() {
    }

    /** @param list true for the calls that answer one entry per table in an array (batches, transactions) */
    static JsonNode of(List<Charge> consumed, boolean indexes, boolean list) {
        Map<String, List<Charge>> byTable = new LinkedHashMap<>();
        for (Charge charge : consumed) {
            byTable.computeIfAbsent(charge.table(), t -> new ArrayList<>()).add(charge);
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        byTable.forEach((table, charges) -> all.add(table(table, charges, indexes)));
        if (list) {
            return all;
        }
        return all.isEmpty() ? JsonNodeFactory.instance.objectNode() : all.get(0);
    }

    private static ObjectNode table(String table, List<Charge> charges, boolean indexes) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("TableName", table);
        units(node, charges);
        if (indexes) {
            units(node.putObject("Table"), charges.stream().filter(c -> c.index() == null).toList());
            Map<String, List<Charge>> byIndex = new LinkedHashMap<>();
            charges.stream().filter(c -> c.index() != null)
                    .forEach(c -> byIndex.computeIfAbsent(c.index(), i -> new ArrayList<>()).add(c));
            if (!byIndex.isEmpty()) {
                ObjectNode gsis = node.putObject("GlobalSecondaryIndexes");
                byIndex.forEach((index, own) -> units(gsis.putObject(index), own));
            }
        }
        return node;
    }

    private static void units(ObjectNode node, List<Charge> charges) {
        double writes = charges.stream().filter(Charge::write).mapToDouble(Charge::units).sum();
        double reads = charges.stream().filter(c -> !c.write()).mapToDouble(Charge::units).sum();
        node.put("CapacityUnits", writes + reads);
        if (writes > 0) {
            node.put("WriteCapacityUnits", writes);
        }
        if (reads > 0) {
            node.put("ReadCapacityUnits", reads);
        }
    }
}
