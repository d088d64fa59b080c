package com.rushgate.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM template as written: resources, parameters, globals. Nothing is resolved here; see
 * {@link StackModel} for the resolved, typed view the local stack runs.
 */
public final class Template {

    private final Path file;
    private final Map<String, Object> document;

    private Template(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    public static Template load(Path file) {
        try {
            return new Template(file.toAbsolutePath().normalize(), CloudFormationYaml.read(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Paths in the template (CodeUri) are relative to its directory. */
    public Path directory() {
        return file.getParent();
    }

    public Map<String, Object> section(String name) {
        return map(document.get(name));
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("template has no resource " + logicalId);
        }
        return resource;
    }

    public boolean hasResource(String logicalId) {
        return resources().containsKey(logicalId);
    }

    public String type(String logicalId) {
        return String.valueOf(resource(logicalId).get("Type"));
    }

    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The resource's Properties, with the matching Globals section merged in the way SAM merges them. */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> own = map(resource(logicalId).get("Properties"));
        String globalsSection = switch (type(logicalId)) {
            case "AWS::Serverless::Function" -> "Function";
            case "AWS::Serverless::Api" -> "Api";
            case "AWS::Serverless::SimpleTable" -> "SimpleTable";
            default -> null;
        };
        if (globalsSection == null) {
            return own;
        }
        return merge(map(section("Globals").get(globalsSection)), own);
    }

    public Map<String, Object> metadata(String logicalId) {
        return map(resource(logicalId).get("Metadata"));
    }

    /**
     * SAM's Globals rule: maps merge key by key (the resource wins on conflicts), lists are
     * concatenated with the globals first, scalars are replaced.
     */
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = merged.get(key);
            if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v && !isIntrinsic(v) && !isIntrinsic(g)) {
                merged.put(key, merge(map(g), map(v)));
            } else if (global instanceof List<?> g && value instanceof List<?> v) {
                List<Object> joined = new ArrayList<>(g);
                joined.addAll(v);
                merged.put(key, joined);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> value) {
        if (value.size() != 1) {
            return false;
        }
        String key = String.valueOf(value.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
