package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * API Gateway's proxy events in and out of JSON with the function's own Jackson, in place of the
 * Lambda runtime's event serializer: that one builds a shaded Jackson of its own for the event
 * type at init (about 600 classes) and warms it on the first call, which SnapStart priming cannot
 * reach. The REST API's event uses the beans' own property names, so plain bean mapping reads it;
 * fields API Gateway adds later are ignored, as the runtime ignores them, and a response leaves
 * out what is null.
 */
public final class ApiEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ApiEvents() {
    }

    /** @throws IOException if the payload is not an API Gateway proxy event */
    public static APIGatewayProxyRequestEvent read(InputStream input) throws IOException {
        return MAPPER.readValue(input, APIGatewayProxyRequestEvent.class);
    }

    /** @throws IOException if the payload is not an API Gateway proxy event */
    public static APIGatewayProxyRequestEvent read(byte[] input) throws IOException {
        return MAPPER.readValue(input, APIGatewayProxyRequestEvent.class);
    }

    public static void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        MAPPER.writeValue(output, response);
    }

    /** The event as API Gateway would send it. */
    public static byte[] bytes(APIGatewayProxyRequestEvent event) throws IOException {
        return MAPPER.writeValueAsBytes(event);
    }

    /** A response as the function answers it, read back (for priming and tests). */
    public static APIGatewayProxyResponseEvent response(byte[] json) throws IOException {
        return MAPPER.readValue(json, APIGatewayProxyResponseEvent.class);
    }
}
