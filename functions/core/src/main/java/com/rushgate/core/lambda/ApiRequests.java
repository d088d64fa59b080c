package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;

/** Reads what the handlers need from an API Gateway REST proxy event, defensively. */
public final class ApiRequests {

    private ApiRequests() {
    }

    /**
     * The caller's verified subject, as the Cognito authorizer put it in
     * {@code requestContext.authorizer.claims.sub}; null when there is none. Never read from the
     * body, the path or a header.
     */
    public static String subject(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) {
            return null;
        }
        Object claims = context.getAuthorizer().get("claims");
        if (claims instanceof Map<?, ?> map && map.get("sub") instanceof String sub && !sub.isBlank()) {
            return sub;
        }
        return null;
    }

    public static String pathParameter(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** A header by case-insensitive name, or null. */
    public static String header(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /**
     * The base path of the API as the caller reached it: "/Prod" through the execute-api domain,
     * "" through a custom domain or the local gateway. Built from requestContext.path minus the
     * resource path, so links work either way.
     */
    public static String basePath(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        String fullPath = context == null ? null : context.getPath();
        String path = event.getPath();
        if (fullPath == null || path == null || !fullPath.endsWith(path)) {
            return "";
        }
        return fullPath.substring(0, fullPath.length() - path.length());
    }
}
