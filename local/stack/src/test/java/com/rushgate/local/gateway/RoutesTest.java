package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.template.StackModel.ApiRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = new Routes(List.of(
            new ApiRoute("Ingest", "POST", "/events/{eventId}/participations", true),
            new ApiRoute("EventInfo", "GET", "/events/{eventId}", false),
            new ApiRoute("Files", "ANY", "/events/{path+}", false)));

    @Test
    void theFirstRouteWhosePathAndMethodMatch_takesTheRequest() {
        assertThat(routes.match("get", "/events/drop-1")).hasValueSatisfying(match -> {
            assertThat(match.route().route().functionId()).isEqualTo("EventInfo");
            assertThat(match.pathParameters()).isEqualTo(Map.of("eventId", "drop-1"));
        });
        assertThat(routes.match("POST", "/events/drop-1")).as("a later route that takes any method")
                .hasValueSatisfying(match -> assertThat(match.route().route().functionId()).isEqualTo("Files"));
        assertThat(routes.match("POST", "/events/drop-1/participations"))
                .hasValueSatisfying(match -> assertThat(match.route().route().functionId()).isEqualTo("Ingest"));
    }

    @Test
    void aPathNoRouteHas_matchesNothing() {
        assertThat(routes.match("GET", "/requests/rq_1")).isEmpty();
        assertThat(routes.match("GET", "/events")).isEmpty();
    }

    @Test
    void aMalformedEscapeInAParameter_isRefused() {
        assertThatThrownBy(() -> routes.match("GET", "/events/%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
