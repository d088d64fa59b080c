package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.DeliveryStreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the template's AWS::KinesisFirehose::DeliveryStream resources that deliver to S3 (other
 * destinations are not emulated): the bucket, Prefix and ErrorOutputPrefix, BufferingHints (300 s,
 * 5 MB), CompressionFormat, FileExtension, the enabled processors and CustomTimeZone (UTC).
 */
final class DeliveryStreamReader {

    private static final String S3_ARN = "arn:aws:s3:::";

    private DeliveryStreamReader() {
    }

    static List<DeliveryStreamSpec> read(Template template, LocalNames names) {
        List<DeliveryStreamSpec> streams = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream")) {
            Map<String, Object> p = Values.resolvedProperties(template, names.intrinsics(), id);
            Map<String, Object> s3 = Template.map(p.get("ExtendedS3DestinationConfiguration"));
            if (s3.isEmpty()) {
                s3 = Template.map(p.get("S3DestinationConfiguration"));
            }
            if (!s3.isEmpty()) {
                streams.add(spec(names, id, s3));
            }
        }
        return List.copyOf(streams);
    }

    private static DeliveryStreamSpec spec(LocalNames names, String id, Map<String, Object> s3) {
        String bucketArn = Values.text(s3.get("BucketARN"), "");
        String bucket = bucketArn.startsWith(S3_ARN) ? bucketArn.substring(S3_ARN.length()) : bucketArn;
        Map<String, Object> hints = Template.map(s3.get("BufferingHints"));
        return new DeliveryStreamSpec(id, names.intrinsics().resolveToString(Map.of("Ref", id)),
                String.valueOf(names.getAtt(id, "Arn")), bucket, Values.text(s3.get("Prefix"), ""),
                Values.text(s3.get("ErrorOutputPrefix"), ""),
                Values.integer(hints.get("IntervalInSeconds"), 300), Values.integer(hints.get("SizeInMBs"), 5),
                Values.text(s3.get("CompressionFormat"), "UNCOMPRESSED"), Values.text(s3.get("FileExtension"), null),
                processors(Template.map(s3.get("ProcessingConfiguration"))),
                Values.text(s3.get("CustomTimeZone"), "UTC"));
    }

    /** Each processor's Type with its ParameterName -> ParameterValue; none unless processing is Enabled. */
    private static List<Map.Entry<String, Map<String, String>>> processors(Map<String, Object> processing) {
        if (!"true".equals(String.valueOf(processing.get("Enabled")))) {
            return List.of();
        }
        List<Map.Entry<String, Map<String, String>>> processors = new ArrayList<>();
        for (Object item : Values.list(processing.get("Processors"))) {
            Map<String, Object> processor = Template.map(item);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Object parameter : Values.list(processor.get("Parameters"))) {
                Map<String, Object> entry = Template.map(parameter);
                parameters.put(Values.text(entry.get("ParameterName"), ""), Values.text(entry.get("ParameterValue"), ""));
            }
            processors.add(Map.entry(Values.text(processor.get("Type"), ""), Map.copyOf(parameters)));
        }
        return List.copyOf(processors);
    }
}
