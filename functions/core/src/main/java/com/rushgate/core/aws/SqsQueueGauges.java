package com.rushgate.core.aws;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.QueueGauges;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link QueueGauges} from GetQueueAttributes of the work queue and the dead letter queue: two calls. */
public final class SqsQueueGauges implements QueueGauges {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    public SqsQueueGauges(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    @Override
    public Depths read() {
        Map<QueueAttributeName, String> work = attributes(queueUrl);
        Map<QueueAttributeName, String> dead = attributes(deadLetterQueueUrl);
        return new Depths(count(work, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(work, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(dead, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        try {
            return sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        } catch (SdkException e) {
            throw new RetryableException("GetQueueAttributes on " + url + " failed: " + e.getMessage(), e);
        }
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
