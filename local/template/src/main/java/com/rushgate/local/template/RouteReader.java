package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.BodyModel;
import com.rushgate.local.template.StackModel.RouteAuth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the API's routes from the functions' Api events: method, path, its authorizer (AWS_IAM or
 * NONE when the event says so, else the API's Cognito authorizer if it has one), and the body model API Gateway
 * validates the body against (the API's Models, named by the event's RequestModel).
 */
final class RouteReader {

    private RouteReader() {
    }

    /**
     * @param apiId the template's one AWS::Serverless::Api, or null when it has none
     * @param api   that API as {@link ApiReader} read it, or null
     */
    static List<ApiRoute> read(Template template, LocalNames names, String apiId, ApiSpec api,
                               List<FunctionEvent> events) {
        Map<String, Map<String, Object>> models = apiId == null ? Map.of() : models(template, names, apiId);
        List<ApiRoute> routes = new ArrayList<>();
        for (FunctionEvent event : FunctionEvent.ofType(events, "Api")) {
            Map<String, Object> p = event.properties();
            routes.add(new ApiRoute(event.functionId(), String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT),
                    String.valueOf(p.get("Path")), auth(api, Template.map(p.get("Auth")).get("Authorizer")),
                    bodyModel(event.functionId(), Template.map(p.get("RequestModel")), models)));
        }
        return List.copyOf(routes);
    }

    /** The event's own authorizer if it names NONE or AWS_IAM, else the API's default (its Cognito authorizer). */
    private static RouteAuth auth(ApiSpec api, Object authorizer) {
        if ("AWS_IAM".equals(authorizer)) {
            return RouteAuth.AWS_IAM;
        }
        if ("NONE".equals(authorizer) || api == null || api.issuer() == null) {
            return RouteAuth.NONE;
        }
        return RouteAuth.COGNITO;
    }

    /** A route's validated body model; SAM validates the body unless ValidateBody is false. */
    private static BodyModel bodyModel(String functionId, Map<String, Object> requestModel,
                                       Map<String, Map<String, Object>> models) {
        if (requestModel.isEmpty() || "false".equals(String.valueOf(requestModel.get("ValidateBody")))) {
            return null;
        }
        String name = String.valueOf(requestModel.get("Model"));
        Map<String, Object> schema = models.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("function " + functionId + " uses RequestModel " + name
                    + " but the API's Models has " + models.keySet());
        }
        return new BodyModel(name, schema, "true".equals(String.valueOf(requestModel.get("Required"))));
    }

    private static Map<String, Map<String, Object>> models(Template template, LocalNames names, String apiId) {
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        Template.map(names.intrinsics().resolve(template.properties(apiId).get("Models")))
                .forEach((name, schema) -> models.put(name, Template.map(schema)));
        return models;
    }
}
