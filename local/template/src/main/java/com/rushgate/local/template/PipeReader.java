package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.DeliveryStreamSpec;
import com.rushgate.local.template.StackModel.PipeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the template's AWS::Pipes::Pipe resources whose source is a table's DynamoDB stream and
 * whose target is one of the template's delivery streams, the only kind the local stack runs:
 * StartingPosition (TRIM_HORIZON), BatchSize (100), MaximumBatchingWindowInSeconds (0), the
 * FilterCriteria patterns, the InputTemplate, the DeadLetterConfig queue and DesiredState.
 */
final class PipeReader {

    private PipeReader() {
    }

    /** @param deliveryStreams the template's delivery streams, as {@link DeliveryStreamReader} read them */
    static List<PipeSpec> read(Template template, LocalNames names, List<DeliveryStreamSpec> deliveryStreams) {
        List<PipeSpec> pipes = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::Pipes::Pipe")) {
            Map<String, Object> p = Values.resolvedProperties(template, names.intrinsics(), id);
            String source = Values.text(p.get("Source"), "");
            String table = sourceTable(template, names, source);
            String target = Values.text(p.get("Target"), "");
            String delivery = deliveryStreams.stream().filter(d -> d.arn().equals(target))
                    .map(DeliveryStreamSpec::logicalId).findFirst().orElse(null);
            if (table == null || delivery == null) {
                continue; // only DynamoDB stream -> Firehose pipes are emulated
            }
            Map<String, Object> sourceParameters = Template.map(p.get("SourceParameters"));
            Map<String, Object> stream = Template.map(sourceParameters.get("DynamoDBStreamParameters"));
            String dlqArn = Values.text(Template.map(stream.get("DeadLetterConfig")).get("Arn"), null);
            pipes.add(new PipeSpec(id, names.intrinsics().resolveToString(Map.of("Ref", id)),
                    String.valueOf(names.getAtt(id, "Arn")), source, table,
                    Values.text(stream.get("StartingPosition"), "TRIM_HORIZON"),
                    Values.integer(stream.get("BatchSize"), 100),
                    Values.integer(stream.get("MaximumBatchingWindowInSeconds"), 0),
                    filterPatterns(sourceParameters),
                    Values.text(Template.map(p.get("TargetParameters")).get("InputTemplate"), null),
                    dlqArn == null ? null : names.queueByArnOrUrl(dlqArn), delivery, target,
                    !"STOPPED".equals(Values.text(p.get("DesiredState"), "RUNNING"))));
        }
        return List.copyOf(pipes);
    }

    /** The table whose stream ARN is the pipe's source, or null when the source is not a table's stream. */
    private static String sourceTable(Template template, LocalNames names, String source) {
        String table = null;
        for (String candidate : template.resourcesOfType(TableReader.TYPE)) {
            if (source.equals(String.valueOf(names.getAtt(candidate, "StreamArn")))) {
                table = candidate;
            }
        }
        return table;
    }

    private static List<String> filterPatterns(Map<String, Object> sourceParameters) {
        List<String> patterns = new ArrayList<>();
        for (Object filter : Values.list(Template.map(sourceParameters.get("FilterCriteria")).get("Filters"))) {
            Object pattern = Template.map(filter).get("Pattern");
            if (pattern != null) {
                patterns.add(String.valueOf(pattern));
            }
        }
        return List.copyOf(patterns);
    }
}
