package com.rushgate.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.template.WebAclSpec.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer of the gateway: the function's proxy response, a WAF block, or one of the
 * answers API Gateway gives itself ({@link GatewayResponses}).
 *
 * @param requestId API Gateway's id of the request, sent back as {@code x-amzn-RequestId}
 */
record Answer(int status, Map<String, List<String>> headers, byte[] body, String requestId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Maps an API Gateway proxy response: {@code headers} then {@code multiValueHeaders} (which win
     * for a name in both), the body decoded when {@code isBase64Encoded}. A payload without a
     * numeric {@code statusCode}, or not JSON, is a 502, as API Gateway answers it.
     */
    static Answer fromProxyResponse(byte[] payload, String requestId, GatewayResponses responses) {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
        }
        if (response == null || !response.path("statusCode").canConvertToInt()) {
            return responses.answer("INTEGRATION_FAILURE", 502, "Internal server error", requestId);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers").fields()
                .forEachRemaining(h -> headers.put(h.getKey(), new ArrayList<>(List.of(h.getValue().asText()))));
        response.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            headers.put(h.getKey(), values);
        });
        JsonNode bodyNode = response.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else if (response.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(response.get("statusCode").asInt(), headers, body, requestId);
    }

    /** A web ACL rule's block: its custom response if it has one, else WAF's 403 shaped by the gateway responses. */
    static Answer blocked(Block block, String requestId, GatewayResponses responses) {
        if (block.status() == null) {
            return responses.answer("WAF_FILTERED", 403, "Forbidden", requestId);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        block.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = new byte[0];
        if (block.body() != null) {
            headers.put("Content-Type", List.of(block.contentType()));
            body = block.body().getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(block.status(), headers, body, requestId);
    }
}
