package com.rushgate.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a function's Events (SAM's event sources), its Properties resolved. The routes,
 * the SQS and DynamoDB stream triggers and the schedules are read from these; other event types are not emulated
 * (README lists what the local stack leaves out).
 *
 * @param functionId the logical id of the function that declares it
 * @param name       the event's key under Events
 * @param type       its Type: Api, SQS, DynamoDB, Schedule, ScheduleV2, ...
 */
record FunctionEvent(String functionId, String name, String type, Map<String, Object> properties) {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** Every event of every function, in template order (functions first, then their events). */
    static List<FunctionEvent> all(Template template, Intrinsics intrinsics) {
        List<FunctionEvent> events = new ArrayList<>();
        for (String functionId : template.resourcesOfType(FUNCTION_TYPE)) {
            Template.map(template.properties(functionId).get("Events")).forEach((name, value) -> {
                Map<String, Object> event = Template.map(value);
                events.add(new FunctionEvent(functionId, name, String.valueOf(event.get("Type")),
                        Template.map(intrinsics.resolve(event.get("Properties")))));
            });
        }
        return List.copyOf(events);
    }

    /** Those of one type, in the same order. */
    static List<FunctionEvent> ofType(List<FunctionEvent> events, String... types) {
        List<String> wanted = List.of(types);
        return events.stream().filter(event -> wanted.contains(event.type())).toList();
    }
}
