package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.RetryableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP answer the functions give, and the one place where failures become status codes:
 * client errors keep their 4xx, retryable failures are 503 with Retry-After, anything else is a
 * 500 whose body says nothing about the cause (the log does).
 */
public final class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);

    private ApiResponses() {
    }

    public static APIGatewayProxyResponseEvent json(int status, Object body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(baseHeaders())
                .withBody(Json.write(body));
    }

    /** 204: done, nothing to answer. */
    public static APIGatewayProxyResponseEvent noContent() {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(204)
                .withHeaders(baseHeaders());
    }

    /**
     * A public answer, the same for every caller and with nothing personal in it, which browsers and
     * caches may keep for {@code maxAgeSeconds}.
     */
    public static APIGatewayProxyResponseEvent cacheable(Object body, int maxAgeSeconds) {
        if (maxAgeSeconds < 0) {
            throw new IllegalArgumentException("maxAgeSeconds cannot be negative");
        }
        Map<String, String> headers = baseHeaders();
        headers.put("Cache-Control", "public, max-age=" + maxAgeSeconds);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(headers)
                .withBody(Json.write(body));
    }

    public static APIGatewayProxyResponseEvent error(ErrorCode code, String message) {
        return error(code, message, null);
    }

    /** @param requestId the request the refusal is about, added to the body; null for none */
    public static APIGatewayProxyResponseEvent error(ErrorCode code, String message, String requestId) {
        Map<String, String> headers = baseHeaders();
        if (code == ErrorCode.IN_PROGRESS || code == ErrorCode.SERVICE_UNAVAILABLE || code == ErrorCode.TOO_MANY_REQUESTS) {
            headers.put("Retry-After", "1");
        }
        if (code == ErrorCode.UNAUTHORIZED) {
            // A 401 must name the scheme (RFC 9110), as the authorizer's own 401 does.
            headers.put("WWW-Authenticate", "Bearer");
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(code.httpStatus())
                .withHeaders(headers)
                .withBody(Json.write(Map.of("error", error)));
    }

    /** Maps any failure of a request to its answer; logs what an operator needs. */
    public static APIGatewayProxyResponseEvent failure(Throwable failure) {
        if (failure instanceof ClientException client) {
            return error(client.code(), client.getMessage(), client.requestId().orElse(null));
        }
        if (failure instanceof RetryableException) {
            LOG.warn("dependency unavailable: {}", failure.getMessage());
            return error(ErrorCode.SERVICE_UNAVAILABLE, "the service is busy; retry shortly");
        }
        LOG.error("unexpected failure", failure);
        return error(ErrorCode.INTERNAL_ERROR, "internal error");
    }

    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }
}
