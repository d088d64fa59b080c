package com.rushgate.local.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the HTTP server answers on its own (a request line it cannot parse, headers beyond its
 * buffer): the same JSON errors as the rest of the gateway, never Jetty's HTML page or a cause.
 */
final class JsonErrors extends ErrorHandler {

    private final GatewayResponses responses;

    JsonErrors(GatewayResponses responses) {
        this.responses = responses;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Answer answer = answerFor(status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        answer.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> fields.add(name, value));
            }
        });
        fields.put("x-amzn-RequestId", answer.requestId());
        return ByteBuffer.wrap(answer.body());
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        Answer answer = answerFor(code);
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        headers.put("x-amzn-RequestId", answer.requestId());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private Answer answerFor(int status) {
        String requestId = UUID.randomUUID().toString();
        if (status == 413 || status == 414 || status == 431) {
            return responses.answer("REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
        }
        if (status >= 500) {
            return responses.answer("DEFAULT_5XX", status, "Internal server error", requestId);
        }
        return responses.answer("DEFAULT_4XX", status, "Bad Request", requestId);
    }
}
