package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.GlueTableSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the template's AWS::Glue::Table resources: database, name, location, SerDe and the
 * columns and partition keys in order with their Hive types. Nothing is created from them
 * locally; they tell DuckDB how to read the lake.
 */
final class GlueTableReader {

    private GlueTableReader() {
    }

    static List<GlueTableSpec> read(Template template, LocalNames names) {
        List<GlueTableSpec> tables = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::Glue::Table")) {
            Map<String, Object> p = Values.resolvedProperties(template, names.intrinsics(), id);
            Map<String, Object> input = Template.map(p.get("TableInput"));
            Map<String, Object> storage = Template.map(input.get("StorageDescriptor"));
            tables.add(new GlueTableSpec(id, Values.text(p.get("DatabaseName"), null), Values.text(input.get("Name"), id),
                    Values.text(storage.get("Location"), null),
                    Values.text(Template.map(storage.get("SerdeInfo")).get("SerializationLibrary"), null),
                    columns(storage.get("Columns")), columns(input.get("PartitionKeys"))));
        }
        return List.copyOf(tables);
    }

    /** Name -> Type in order; a column without a type is a string, as in Hive. */
    private static Map<String, String> columns(Object value) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object column : Values.list(value)) {
            Map<String, Object> c = Template.map(column);
            columns.put(Values.text(c.get("Name"), ""), Values.text(c.get("Type"), "string"));
        }
        return Collections.unmodifiableMap(columns);
    }
}
