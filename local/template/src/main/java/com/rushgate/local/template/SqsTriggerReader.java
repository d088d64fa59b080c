package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.SqsTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the functions' SQS events: the queue, BatchSize (10), MaximumBatchingWindowInSeconds (0),
 * ScalingConfig.MaximumConcurrency (the function's reserved concurrency, else 5), whether the
 * function reports batch item failures, and Enabled. The defaults in brackets are Lambda's.
 */
final class SqsTriggerReader {

    /** Lambda's MaximumConcurrency of an SQS event source when neither it nor the function sets one. */
    private static final int DEFAULT_MAXIMUM_CONCURRENCY = 5;

    private SqsTriggerReader() {
    }

    static List<SqsTrigger> read(Template template, LocalNames names, List<FunctionEvent> events) {
        List<SqsTrigger> triggers = new ArrayList<>();
        for (FunctionEvent event : FunctionEvent.ofType(events, "SQS")) {
            Map<String, Object> p = event.properties();
            int reserved = FunctionReader.reservedConcurrency(template, names.intrinsics(), event.functionId());
            triggers.add(new SqsTrigger(event.functionId(), event.name(),
                    names.queueByArnOrUrl(String.valueOf(p.get("Queue"))),
                    Values.integer(p.get("BatchSize"), 10),
                    Values.integer(p.get("MaximumBatchingWindowInSeconds"), 0),
                    Values.integer(Template.map(p.get("ScalingConfig")).get("MaximumConcurrency"),
                            reserved > 0 ? reserved : DEFAULT_MAXIMUM_CONCURRENCY),
                    String.valueOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                    Values.notFalse(p.get("Enabled"))));
        }
        return List.copyOf(triggers);
    }
}
