package com.rushgate.local.template;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of a WAF web ACL the local gateway can apply: its blocking rate-based rules (keyed on
 * the client IP, one header, or nothing), with their scope-down byte matches and custom
 * responses. Everything else (managed rule groups, challenges, other statements) is named in
 * {@link #notEmulated()} so the local stack can say what it leaves out.
 *
 * @param rateRules   the emulated rules, in priority order
 * @param notEmulated "rule name: why" for every rule the local gateway does not apply
 */
public record WebAclSpec(String logicalId, List<RateRule> rateRules, List<String> notEmulated) {

    /**
     * A blocking rate-based rule.
     *
     * @param headerKey the header whose value is the aggregation key, or null for the client IP
     *                  ({@link #CONSTANT_KEY} when every matching request counts together)
     * @param scopeDown which requests the rule counts, or null for all of them
     */
    public record RateRule(String name, int priority, long limit, int windowSeconds, String headerKey, Match scopeDown,
                           Block block) {

        public static final String CONSTANT_KEY = "";

        /** The key this request counts under, or null when the rule does not look at it. */
        public String key(WafRequest request) {
            if (scopeDown != null && !scopeDown.matches(request)) {
                return null;
            }
            if (headerKey == null) {
                return request.clientIp();
            }
            return CONSTANT_KEY.equals(headerKey) ? CONSTANT_KEY : request.header().apply(headerKey);
        }
    }

    /**
     * What a block answers.
     *
     * @param status      null for WAF's default block, which API Gateway answers with its WAF_FILTERED response
     * @param headers     custom headers, already carrying WAF's {@code x-amzn-waf-} prefix
     */
    public record Block(Integer status, String contentType, String body, Map<String, String> headers) {
    }

    /** What a rule sees of a request. */
    public record WafRequest(String clientIp, String method, String rawPath, String rawQuery,
                             Function<String, String> header) {
    }

    /** A statement that matches requests. */
    public interface Match {
        boolean matches(WafRequest request);
    }

    /** Thrown for a statement the emulation cannot evaluate; the rule is then listed as not emulated. */
    static final class UnsupportedStatement extends RuntimeException {
        UnsupportedStatement(String message) {
            super(message);
        }
    }

    /** The web ACL a WebACLAssociation puts in front of this API, if there is one. */
    static Optional<WebAclSpec> forApi(Template template, Intrinsics intrinsics, String apiId) {
        for (String association : template.resourcesOfType("AWS::WAFv2::WebACLAssociation")) {
            Map<String, Object> properties = template.properties(association);
            if (!String.valueOf(properties.get("ResourceArn")).contains(apiId)) {
                continue;
            }
            String acl = webAclId(properties.get("WebACLArn"));
            if (acl == null || !"AWS::WAFv2::WebACL".equals(template.type(acl))) {
                throw new IllegalArgumentException(association + " must name its WebACL with !GetAtt <WebACL>.Arn");
            }
            return Optional.of(parse(acl, Template.map(intrinsics.resolve(template.properties(acl)))));
        }
        return Optional.empty();
    }

    private static String webAclId(Object arn) {
        if (arn instanceof Map<?, ?> map && map.get("Fn::GetAtt") != null) {
            Object target = map.get("Fn::GetAtt");
            String text = target instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(target);
            int dot = text.indexOf('.');
            return dot < 0 ? text : text.substring(0, dot);
        }
        return null;
    }

    /** Reads resolved WebACL properties. */
    static WebAclSpec parse(String logicalId, Map<String, Object> properties) {
        Map<String, Object> bodies = Template.map(properties.get("CustomResponseBodies"));
        List<RateRule> rules = new ArrayList<>();
        List<String> notEmulated = new ArrayList<>();
        Object rawRules = properties.get("Rules");
        List<?> ruleList = rawRules instanceof List<?> list ? list : List.of();
        for (Object item : ruleList) {
            if (!(item instanceof Map<?, ?>)) {
                continue; // a rule left out by Fn::If / AWS::NoValue
            }
            Map<String, Object> rule = Template.map(item);
            String name = String.valueOf(rule.get("Name"));
            Map<String, Object> statement = Template.map(rule.get("Statement"));
            Map<String, Object> rate = Template.map(statement.get("RateBasedStatement"));
            Map<String, Object> block = Template.map(Template.map(rule.get("Action")).get("Block"));
            if (rate.isEmpty()) {
                notEmulated.add(name + ": " + String.join(", ", statement.keySet()) + " is not emulated");
                continue;
            }
            if (!Template.map(rule.get("Action")).containsKey("Block")) {
                notEmulated.add(name + ": only blocking rate rules are emulated");
                continue;
            }
            try {
                rules.add(new RateRule(name, (int) Values.number(rule.get("Priority")),
                        (long) Values.number(rate.get("Limit")),
                        rate.containsKey("EvaluationWindowSec") ? (int) Values.number(rate.get("EvaluationWindowSec")) : 300,
                        aggregateKey(rate), rate.containsKey("ScopeDownStatement")
                        ? statement(Template.map(rate.get("ScopeDownStatement"))) : null, block(block, bodies)));
            } catch (UnsupportedStatement e) {
                notEmulated.add(name + ": " + e.getMessage());
            }
        }
        rules.sort(Comparator.comparingInt(RateRule::priority));
        return new WebAclSpec(logicalId, List.copyOf(rules), List.copyOf(notEmulated));
    }

    private static String aggregateKey(Map<String, Object> rate) {
        String type = String.valueOf(rate.getOrDefault("AggregateKeyType", "IP"));
        switch (type) {
            case "IP":
                return null;
            case "CONSTANT":
                return RateRule.CONSTANT_KEY;
            case "CUSTOM_KEYS":
                Object keys = rate.get("CustomKeys");
                if (keys instanceof List<?> list && list.size() == 1) {
                    Map<String, Object> header = Template.map(Template.map(list.get(0)).get("Header"));
                    if (header.containsKey("Name")) {
                        return String.valueOf(header.get("Name"));
                    }
                }
                throw new UnsupportedStatement("only a single Header custom key is emulated");
            default:
                throw new UnsupportedStatement("aggregate key " + type + " is not emulated");
        }
    }

    private static Block block(Map<String, Object> block, Map<String, Object> bodies) {
        Map<String, Object> custom = Template.map(block.get("CustomResponse"));
        if (custom.isEmpty()) {
            return new Block(null, null, null, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (custom.get("ResponseHeaders") instanceof List<?> list) {
            for (Object header : list) {
                Map<String, Object> h = Template.map(header);
                headers.put("x-amzn-waf-" + h.get("Name"), String.valueOf(h.get("Value")));
            }
        }
        String contentType = null;
        String body = null;
        Object key = custom.get("CustomResponseBodyKey");
        if (key != null) {
            Map<String, Object> content = Template.map(bodies.get(String.valueOf(key)));
            if (content.isEmpty()) {
                throw new IllegalArgumentException("WebACL has no CustomResponseBodies entry " + key);
            }
            contentType = switch (String.valueOf(content.get("ContentType"))) {
                case "APPLICATION_JSON" -> "application/json";
                case "TEXT_HTML" -> "text/html";
                default -> "text/plain";
            };
            body = String.valueOf(content.get("Content"));
        }
        return new Block((int) Values.number(custom.get("ResponseCode")), contentType, body, Map.copyOf(headers));
    }

    private static Match statement(Map<String, Object> statement) {
        if (statement.size() != 1) {
            throw new UnsupportedStatement("a statement must have exactly one kind, got " + statement.keySet());
        }
        Map.Entry<String, Object> only = statement.entrySet().iterator().next();
        Map<String, Object> body = Template.map(only.getValue());
        return switch (only.getKey()) {
            case "AndStatement" -> {
                List<Match> parts = statements(body);
                yield request -> parts.stream().allMatch(part -> part.matches(request));
            }
            case "OrStatement" -> {
                List<Match> parts = statements(body);
                yield request -> parts.stream().anyMatch(part -> part.matches(request));
            }
            case "NotStatement" -> {
                Match inner = statement(Template.map(body.get("Statement")));
                yield request -> !inner.matches(request);
            }
            case "ByteMatchStatement" -> byteMatch(body);
            default -> throw new UnsupportedStatement(only.getKey() + " is not emulated");
        };
    }

    private static List<Match> statements(Map<String, Object> body) {
        List<Match> parts = new ArrayList<>();
        if (body.get("Statements") instanceof List<?> list) {
            for (Object part : list) {
                parts.add(statement(Template.map(part)));
            }
        }
        return List.copyOf(parts);
    }

    private static Match byteMatch(Map<String, Object> body) {
        Function<WafRequest, String> field = field(Template.map(body.get("FieldToMatch")));
        String search = body.containsKey("SearchStringBase64")
                ? new String(Base64.getDecoder().decode(String.valueOf(body.get("SearchStringBase64"))), StandardCharsets.UTF_8)
                : String.valueOf(body.get("SearchString"));
        List<Function<String, String>> transformations = new ArrayList<>();
        if (body.get("TextTransformations") instanceof List<?> list) {
            list.stream().map(Template::map)
                    .sorted(Comparator.comparingDouble(t -> Values.number(t.get("Priority"))))
                    .forEach(t -> transformations.add(transformation(String.valueOf(t.get("Type")))));
        }
        String constraint = String.valueOf(body.get("PositionalConstraint"));
        if (!List.of("EXACTLY", "STARTS_WITH", "ENDS_WITH", "CONTAINS").contains(constraint)) {
            throw new UnsupportedStatement("positional constraint " + constraint + " is not emulated");
        }
        return request -> {
            String value = field.apply(request);
            if (value == null) {
                return false;
            }
            for (Function<String, String> transformation : transformations) {
                value = transformation.apply(value);
            }
            return switch (constraint) {
                case "EXACTLY" -> value.equals(search);
                case "STARTS_WITH" -> value.startsWith(search);
                case "ENDS_WITH" -> value.endsWith(search);
                default -> value.contains(search);
            };
        };
    }

    private static Function<WafRequest, String> field(Map<String, Object> field) {
        if (field.containsKey("Method")) {
            return WafRequest::method;
        }
        if (field.containsKey("UriPath")) {
            return WafRequest::rawPath;
        }
        if (field.containsKey("QueryString")) {
            return request -> request.rawQuery() == null ? "" : request.rawQuery();
        }
        if (field.containsKey("SingleHeader")) {
            String name = String.valueOf(Template.map(field.get("SingleHeader")).get("Name"));
            return request -> request.header().apply(name);
        }
        throw new UnsupportedStatement("field to match " + field.keySet() + " is not emulated");
    }

    private static Function<String, String> transformation(String type) {
        return switch (type) {
            case "NONE" -> Function.identity();
            case "LOWERCASE" -> value -> value.toLowerCase(Locale.ROOT);
            case "URL_DECODE", "URL_DECODE_UNI" -> WebAclSpec::urlDecode;
            default -> throw new UnsupportedStatement("text transformation " + type + " is not emulated");
        };
    }

    private static String urlDecode(String value) {
        try {
            // WAF decodes %xx only; a '+' stays a '+'.
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
