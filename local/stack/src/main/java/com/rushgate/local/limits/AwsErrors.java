package com.rushgate.local.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** The error bodies DynamoDB answers with (HTTP 400, {@code __type} and message), built for the limits' refusals. */
final class AwsErrors {

    static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String arnPrefix;

    /** @param arnPrefix {@code arn:aws:dynamodb:REGION:ACCOUNT:table/} */
    AwsErrors(String arnPrefix) {
        this.arnPrefix = arnPrefix;
    }

    Backend.Reply throttled(List<Throughput.Throttle> throttles) {
        Throughput.Throttle first = throttles.get(0);
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", PREFIX + first.exception());
        body.put("message", "ProvisionedThroughputExceededException".equals(first.exception())
                ? "The level of configured provisioned throughput for the table was exceeded. Consider increasing your"
                + " provisioning level with the UpdateTable API."
                : "Throughput exceeds the current throughput limit for your account.");
        ArrayNode reasons = body.putArray("ThrottlingReasons");
        for (Throughput.Throttle throttle : throttles) {
            reasons.addObject().put("reason", throttle.reason()).put("resource", arnPrefix + throttle.resource());
        }
        return reply(body);
    }

    Backend.Reply transactionConflict() {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", PREFIX + "TransactionConflictException");
        body.put("message", "Transaction is ongoing for the item");
        return reply(body);
    }

    /** A TransactionCanceledException; per item, a cancellation code ("None" for the items that were fine). */
    Backend.Reply cancelled(List<String> codes) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", PREFIX + "TransactionCanceledException");
        body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + codes.toString());
        ArrayNode reasons = body.putArray("CancellationReasons");
        for (String code : codes) {
            ObjectNode reason = reasons.addObject().put("Code", code);
            if ("TransactionConflict".equals(code)) {
                reason.put("Message", "Transaction is ongoing for the item");
            } else if ("ThrottlingError".equals(code)) {
                reason.put("Message", "Throughput exceeds the current capacity of your table or index.");
            }
        }
        return reply(body);
    }

    static String errorType(byte[] body) {
        try {
            String type = JSON.readTree(body).path("__type").asText("");
            return type.substring(type.indexOf('#') + 1);
        } catch (IOException e) {
            return "";
        }
    }

    private static Backend.Reply reply(ObjectNode body) {
        try {
            return new Backend.Reply(400, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
