package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.NamedQuerySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the template's AWS::Athena::NamedQuery resources, in template order, each query's text
 * exactly as written: the questions the local analytics asks DuckDB too.
 */
final class NamedQueryReader {

    private NamedQueryReader() {
    }

    static List<NamedQuerySpec> read(Template template, LocalNames names) {
        List<NamedQuerySpec> queries = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            Map<String, Object> p = Values.resolvedProperties(template, names.intrinsics(), id);
            queries.add(new NamedQuerySpec(id, Values.text(p.get("Name"), id), Values.text(p.get("Description"), ""),
                    Values.text(p.get("Database"), null), Values.text(p.get("QueryString"), "")));
        }
        return List.copyOf(queries);
    }
}
