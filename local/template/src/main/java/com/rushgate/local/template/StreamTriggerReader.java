package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.StreamTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the functions' DynamoDB events on a table's stream: StartingPosition (required),
 * BatchSize (100), MaximumBatchingWindowInSeconds (0), TumblingWindowInSeconds (0: none),
 * whether the function reports batch item failures, BisectBatchOnFunctionError (false),
 * MaximumRetryAttempts (-1: until the records expire) and Enabled. The defaults in brackets are
 * Lambda's. A stream that is not one of the template's tables' is refused.
 */
final class StreamTriggerReader {

    private StreamTriggerReader() {
    }

    static List<StreamTrigger> read(Template template, LocalNames names, List<FunctionEvent> events) {
        List<StreamTrigger> triggers = new ArrayList<>();
        for (FunctionEvent event : FunctionEvent.ofType(events, "DynamoDB")) {
            Map<String, Object> p = event.properties();
            String stream = Values.text(p.get("Stream"), "");
            String table = null;
            for (String candidate : template.resourcesOfType(TableReader.TYPE)) {
                if (stream.equals(String.valueOf(names.getAtt(candidate, "StreamArn")))) {
                    table = candidate;
                }
            }
            if (table == null) {
                throw new IllegalArgumentException("function " + event.functionId() + " reads the stream " + stream
                        + ", which is not a stream of the template's tables");
            }
            String start = Values.text(p.get("StartingPosition"), null);
            if (start == null) {
                throw new IllegalArgumentException("the DynamoDB event " + event.name() + " of " + event.functionId()
                        + " has no StartingPosition");
            }
            triggers.add(new StreamTrigger(event.functionId(), event.name(), stream, table, start,
                    Values.integer(p.get("BatchSize"), 100),
                    Values.integer(p.get("MaximumBatchingWindowInSeconds"), 0),
                    Values.integer(p.get("TumblingWindowInSeconds"), 0),
                    String.valueOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                    Boolean.parseBoolean(String.valueOf(p.get("BisectBatchOnFunctionError"))),
                    Values.integer(p.get("MaximumRetryAttempts"), -1),
                    Values.notFalse(p.get("Enabled"))));
        }
        return List.copyOf(triggers);
    }
}
