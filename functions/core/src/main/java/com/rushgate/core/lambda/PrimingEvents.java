package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.PrimingPorts;
import java.util.Map;

/** API Gateway events of the priming user, shaped like the ones the REST API sends (see events/). */
public final class PrimingEvents {

    private PrimingEvents() {
    }

    /**
     * A request of {@link PrimingPorts#USER_ID}, as the Cognito authorizer passes it on.
     *
     * @param resource       the route, e.g. /requests/{requestId}
     * @param pathParameters its parameters
     * @param body           a JSON body, or null
     */
    public static APIGatewayProxyRequestEvent api(String method, String resource, Map<String, String> pathParameters,
                                                  String body) {
        String path = resource;
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withResourcePath(resource)
                .withHttpMethod(method)
                .withRequestId("snapstart-priming")
                .withPath("/snapstart-priming" + path)
                .withStage("snapstart-priming");
        context.setAuthorizer(Map.of("claims", Map.of("sub", PrimingPorts.USER_ID)));
        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(body == null ? Map.of() : Map.of("Content-Type", "application/json"))
                .withPathParameters(pathParameters)
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    /** @throws IllegalStateException unless {@code response} has the status priming expects */
    public static void expectStatus(APIGatewayProxyResponseEvent response, int expected) {
        if (response.getStatusCode() == null || response.getStatusCode() != expected) {
            throw new IllegalStateException("expected HTTP " + expected + ", got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }
}
