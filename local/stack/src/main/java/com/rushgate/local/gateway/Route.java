package com.rushgate.local.gateway;

import com.rushgate.local.template.StackModel.ApiRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One API route of the template, matched like API Gateway matches resource paths. */
final class Route {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}");

    private final ApiRoute route;
    private final Pattern pattern;
    private final List<String> names = new ArrayList<>();

    Route(ApiRoute route) {
        this.route = route;
        Matcher matcher = PARAMETER.matcher(route.pathTemplate());
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(route.pathTemplate().substring(last, matcher.start())));
            names.add(matcher.group(1));
            regex.append(matcher.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = matcher.end();
        }
        regex.append(Pattern.quote(route.pathTemplate().substring(last))).append("/?$");
        this.pattern = Pattern.compile(regex.toString());
    }

    ApiRoute route() {
        return route;
    }

    boolean methodMatches(String method) {
        return route.method().equals("ANY") || route.method().equals(method);
    }

    /** The decoded path parameters if {@code rawPath} matches, else null. */
    Map<String, String> match(String rawPath) {
        Matcher matcher = pattern.matcher(rawPath);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), decode(matcher.group(i + 1)));
        }
        return parameters;
    }

    /** The whole path decoded as API Gateway hands it to the function; a malformed escape stays as sent. */
    static String decodePath(String rawPath) {
        try {
            return decode(rawPath);
        } catch (IllegalArgumentException malformed) {
            return rawPath;
        }
    }

    private static String decode(String segment) {
        // Path segments: '+' stays a plus; %XX sequences are decoded as API Gateway does.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
