package com.rushgate.local.gateway;

import com.rushgate.local.template.StackModel.ApiRoute;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The API's routes, tried in the template's order; the first whose path and method match a request takes it. */
final class Routes {

    /** A route that takes a request, with the request's decoded path parameters. */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;

    Routes(List<ApiRoute> routes) {
        this.routes = routes.stream().map(Route::new).toList();
    }

    /** Every route, in order. */
    List<Route> all() {
        return routes;
    }

    /**
     * The route for a request, if any.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @throws IllegalArgumentException if a path parameter holds a malformed escape
     */
    Optional<Match> match(String method, String rawPath) {
        String upper = method.toUpperCase(Locale.ROOT);
        for (Route route : routes) {
            Map<String, String> parameters = route.match(rawPath);
            if (parameters != null && route.methodMatches(upper)) {
                return Optional.of(new Match(route, parameters));
            }
        }
        return Optional.empty();
    }
}
