package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import com.rushgate.local.template.StackModel.MethodThrottle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the template's AWS::Serverless::Api: its stage, the stage's and the methods' throttles
 * (MethodSettings), the Cognito authorizer (issuer and app clients) and the customised gateway
 * responses. Its routes come from the functions' Api events ({@link RouteReader}).
 */
final class ApiReader {

    static final String TYPE = "AWS::Serverless::Api";

    private ApiReader() {
    }

    static ApiSpec read(Template template, LocalNames names, String id) {
        Intrinsics intrinsics = names.intrinsics();
        Map<String, Object> properties = template.properties(id);
        String stage = intrinsics.resolveToString(properties.getOrDefault("StageName", "Prod"));
        double rate = 0;
        int burst = 0;
        List<MethodThrottle> methodThrottles = new ArrayList<>();
        for (Object item : Values.list(intrinsics.resolve(properties.get("MethodSettings")))) {
            Map<String, Object> setting = Template.map(item);
            String path = String.valueOf(setting.get("ResourcePath"));
            String method = String.valueOf(setting.get("HttpMethod"));
            if (!setting.containsKey("ThrottlingRateLimit") || !setting.containsKey("ThrottlingBurstLimit")) {
                continue;
            }
            if ("/*".equals(path) && "*".equals(method)) {
                rate = Values.number(setting.get("ThrottlingRateLimit"));
                burst = (int) Values.number(setting.get("ThrottlingBurstLimit"));
            } else {
                // CloudFormation writes "/" followed by the resource path with its '/' escaped as '~1'.
                String resourcePath = path.startsWith("/~1") ? path.substring(1).replace("~1", "/") : path;
                methodThrottles.add(new MethodThrottle(resourcePath, method.toUpperCase(Locale.ROOT),
                        Values.number(setting.get("ThrottlingRateLimit")),
                        (int) Values.number(setting.get("ThrottlingBurstLimit"))));
            }
        }
        Map<String, Object> auth = Template.map(properties.get("Auth"));
        String issuer = null;
        List<String> audiences = new ArrayList<>();
        Object defaultAuthorizer = auth.get("DefaultAuthorizer");
        if (defaultAuthorizer != null && !"NONE".equals(defaultAuthorizer)) {
            Map<String, Object> authorizer = Template.map(Template.map(auth.get("Authorizers")).get(defaultAuthorizer));
            String pool = poolLogicalId(template, authorizer.get("UserPoolArn"));
            issuer = names.userPoolIssuer(pool);
            for (String client : template.resourcesOfType("AWS::Cognito::UserPoolClient")) {
                if (Map.of("Ref", pool).equals(template.properties(client).get("UserPoolId"))) {
                    audiences.add(client);
                }
            }
        }
        return new ApiSpec(id, stage, rate, burst, issuer, List.copyOf(audiences), List.copyOf(methodThrottles),
                gatewayResponses(intrinsics, properties.get("GatewayResponses")));
    }

    private static Map<String, GatewayResponseSpec> gatewayResponses(Intrinsics intrinsics, Object raw) {
        Map<String, GatewayResponseSpec> responses = new LinkedHashMap<>();
        Template.map(intrinsics.resolve(raw)).forEach((type, value) -> {
            Map<String, Object> response = Template.map(value);
            Map<String, String> headers = new LinkedHashMap<>();
            Template.map(Template.map(response.get("ResponseParameters")).get("Headers")).forEach((name, header) -> {
                String text = String.valueOf(header);
                // 'value' is a static value; anything else maps a request parameter, which is not emulated.
                if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
                    headers.put(name, text.substring(1, text.length() - 1));
                }
            });
            Object status = response.get("StatusCode");
            Object template = Template.map(response.get("ResponseTemplates")).get("application/json");
            responses.put(type, new GatewayResponseSpec(status == null ? null : (int) Values.number(status),
                    Map.copyOf(headers), template == null ? null : String.valueOf(template)));
        });
        return Map.copyOf(responses);
    }

    private static String poolLogicalId(Template template, Object poolArn) {
        if (poolArn instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts) {
            return String.valueOf(parts.get(0));
        }
        List<String> pools = template.resourcesOfType("AWS::Cognito::UserPool");
        if (pools.size() == 1) {
            return pools.get(0);
        }
        throw new IllegalArgumentException("cannot tell which user pool the authorizer uses: " + poolArn);
    }
}
