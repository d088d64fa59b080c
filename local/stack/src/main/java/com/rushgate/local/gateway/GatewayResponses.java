package com.rushgate.local.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers API Gateway gives itself (401, 403, 429, 400 for a refused body, 502...), shaped by
 * the template's GatewayResponses the way API Gateway shapes them: the response type's own
 * customisation, else DEFAULT_4XX / DEFAULT_5XX, else API Gateway's built-in
 * {@code {"message": ...}}. Mapping templates only substitute variables, as in API Gateway.
 */
final class GatewayResponses {

    private final Map<String, GatewayResponseSpec> responses;

    GatewayResponses(Map<String, GatewayResponseSpec> responses) {
        this.responses = Map.copyOf(responses);
    }

    /**
     * @param type          API Gateway's response type, e.g. UNAUTHORIZED
     * @param defaultStatus the status API Gateway gives that type when it is not customised
     * @param message       API Gateway's message for it ($context.error.message)
     */
    Answer answer(String type, int defaultStatus, String message, String requestId) {
        return answer(type, defaultStatus, message, requestId, null);
    }

    /**
     * @param errorType the {@code x-amzn-ErrorType} API Gateway sends with this answer
     *                  (MissingAuthenticationTokenException...), or null for none
     */
    Answer answer(String type, int defaultStatus, String message, String requestId, String errorType) {
        GatewayResponseSpec spec = responses.get(type);
        if (spec == null) {
            spec = responses.get(defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        int status = defaultStatus;
        String body;
        if (spec == null) {
            body = "{\"message\":" + quoted(message) + "}";
        } else {
            spec.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            if (spec.statusCode() != null) {
                status = spec.statusCode();
            }
            body = spec.jsonTemplate() == null
                    ? "{\"message\":" + quoted(message) + "}"
                    : substitute(spec.jsonTemplate(), type, message, requestId);
        }
        if (errorType != null) {
            headers.put("x-amzn-ErrorType", List.of(errorType));
        }
        return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8), requestId);
    }

    private static String substitute(String template, String type, String message, String requestId) {
        // Longest names first, so that $context.error.message does not eat $context.error.messageString.
        return template.replace("$context.error.messageString", quoted(message))
                .replace("$context.error.validationErrorString", escaped(message))
                .replace("$context.error.message", escaped(message))
                .replace("$context.error.responseType", type)
                .replace("$context.requestId", requestId);
    }

    private static String quoted(String text) {
        return "\"" + escaped(text) + "\"";
    }

    private static String escaped(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
