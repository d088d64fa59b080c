package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the template's AWS::DynamoDB::Table resources: each table's local name and its resolved
 * properties (keys, indexes, stream, TTL, warm throughput), which the provisioner and the limits read.
 */
final class TableReader {

    static final String TYPE = "AWS::DynamoDB::Table";

    private TableReader() {
    }

    static List<TableSpec> read(Template template, LocalNames names) {
        List<TableSpec> tables = new ArrayList<>();
        for (String id : template.resourcesOfType(TYPE)) {
            tables.add(new TableSpec(id, names.tableName(id),
                    Values.resolvedProperties(template, names.intrinsics(), id)));
        }
        return List.copyOf(tables);
    }
}
