package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.QueueSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the template's AWS::SQS::Queue resources: each queue's local name, URL and ARN, and its
 * resolved properties (attributes, RedrivePolicy).
 */
final class QueueReader {

    private QueueReader() {
    }

    static List<QueueSpec> read(Template template, LocalNames names) {
        List<QueueSpec> queues = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::SQS::Queue")) {
            queues.add(new QueueSpec(id, names.queueName(id), names.queueUrl(id), names.queueArn(id),
                    Values.resolvedProperties(template, names.intrinsics(), id)));
        }
        return List.copyOf(queues);
    }
}
