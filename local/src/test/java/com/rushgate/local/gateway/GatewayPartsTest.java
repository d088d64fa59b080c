package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.ApiRoute;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPartsTest {

    @Test
    void route_matchesPathTemplatesAndDecodesParameters() {
        Route route = new Route(new ApiRoute("Fn", "POST", "/events/{eventId}/participations", true));

        assertThat(route.match("/events/drop-1/participations")).isEqualTo(Map.of("eventId", "drop-1"));
        assertThat(route.match("/events/a%2Fb/participations")).isEqualTo(Map.of("eventId", "a/b"));
        assertThat(route.match("/events/x+y/participations")).isEqualTo(Map.of("eventId", "x+y"));
        assertThat(route.match("/events//participations")).isNull();
        assertThat(route.match("/events/a/b/participations")).isNull();
        assertThat(route.methodMatches("POST")).isTrue();
        assertThat(route.methodMatches("GET")).isFalse();
    }

    @Test
    void greedyParameter_takesTheRest() {
        Route route = new Route(new ApiRoute("Fn", "ANY", "/files/{path+}", false));

        assertThat(route.match("/files/a/b/c")).isEqualTo(Map.of("path", "a/b/c"));
        assertThat(route.methodMatches("DELETE")).isTrue();
    }

    @Test
    void tokenBucket_allowsTheBurstThenTheRate() {
        long second = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(second / 2)).isTrue();
        assertThat(bucket.tryTake(second / 2)).isFalse();
        assertThat(bucket.tryTake(10 * second)).isTrue();
    }
}
