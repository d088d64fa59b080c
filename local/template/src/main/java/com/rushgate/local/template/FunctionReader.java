package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.FunctionSpec;
import com.rushgate.local.template.StackModel.SqsTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the template's AWS::Serverless::Function resources, Globals merged: handler, code (the
 * CodeUri, relative to the template), MemorySize (128), Timeout (3 s), the environment variables
 * resolved (AWS::NoValue leaves a variable out), and how many environments the local pool may run.
 */
final class FunctionReader {

    private FunctionReader() {
    }

    /** @param sqsTriggers every function's SQS triggers: a pool without reserved concurrency serves them all */
    static List<FunctionSpec> read(Template template, LocalNames names, List<SqsTrigger> sqsTriggers) {
        Intrinsics intrinsics = names.intrinsics();
        List<FunctionSpec> functions = new ArrayList<>();
        for (String id : template.resourcesOfType(FunctionEvent.FUNCTION_TYPE)) {
            Map<String, Object> properties = template.properties(id);
            Map<String, String> environment = environment(intrinsics, properties);
            String handler = require(id, "Handler", intrinsics.resolve(properties.get("Handler")));
            Path code = template.directory()
                    .resolve(require(id, "CodeUri", intrinsics.resolve(properties.get("CodeUri")))).normalize();
            functions.add(new FunctionSpec(id, names.functionName(id), handler, code,
                    Values.integer(intrinsics.resolve(properties.get("MemorySize")), 128),
                    Duration.ofSeconds(Values.integer(intrinsics.resolve(properties.get("Timeout")), 3)),
                    concurrency(template, intrinsics, id, sqsTriggers), environment));
        }
        return List.copyOf(functions);
    }

    /**
     * The reserved concurrency when the function has one; else Lambda's default ceiling for a
     * local pool, raised to what its SQS triggers may run at once (disabled ones included).
     */
    private static int concurrency(Template template, Intrinsics intrinsics, String id, List<SqsTrigger> sqsTriggers) {
        int reserved = reservedConcurrency(template, intrinsics, id);
        if (reserved > 0) {
            return reserved;
        }
        int sqsConcurrency = sqsTriggers.stream().filter(trigger -> trigger.functionId().equals(id))
                .mapToInt(SqsTrigger::maximumConcurrency).sum();
        return Math.max(StackModel.DEFAULT_LOCAL_CONCURRENCY, sqsConcurrency);
    }

    /** ReservedConcurrentExecutions, Globals included; 0 when the function has none. */
    static int reservedConcurrency(Template template, Intrinsics intrinsics, String functionId) {
        return Values.integer(intrinsics.resolve(template.properties(functionId).get("ReservedConcurrentExecutions")), 0);
    }

    private static Map<String, String> environment(Intrinsics intrinsics, Map<String, Object> properties) {
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = Template.map(Template.map(properties.get("Environment")).get("Variables"));
        variables.forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (resolved != Intrinsics.NO_VALUE) {
                environment.put(name, intrinsics.resolveToString(resolved));
            }
        });
        return environment;
    }

    private static String require(String id, String property, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("function " + id + " has no " + property);
        }
        return String.valueOf(value);
    }
}
