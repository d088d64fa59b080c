package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A REST API function: Lambda hands it the proxy event as a stream, {@link ApiEvents} reads it and
 * writes the answer, {@link #handle} decides. A stream handler, so that the Lambda runtime builds
 * no event serializer for it (see {@link ApiEvents}); priming goes through {@link #handleJson},
 * the same path, so that a restored snapshot has every class of it loaded.
 */
public abstract class ApiHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiEvents.write(handle(ApiEvents.read(input), context), output);
    }

    /** One request: the answer API Gateway sends back, never null. */
    public abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context);

    /** One request the way Lambda delivers it: the event as JSON in, the answer read back from JSON. */
    public final APIGatewayProxyResponseEvent handleJson(APIGatewayProxyRequestEvent event, Context context) {
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handleRequest(new ByteArrayInputStream(ApiEvents.bytes(event)), answer, context);
            return ApiEvents.response(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
