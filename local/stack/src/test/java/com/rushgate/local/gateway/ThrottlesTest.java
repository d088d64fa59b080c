package com.rushgate.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.MethodThrottle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottlesTest {

    private static final long SECOND = 1_000_000_000L;

    private final Route ingest = new Route(new ApiRoute("Ingest", "POST", "/events/{eventId}/participations", true));
    private final Route status = new Route(new ApiRoute("Status", "GET", "/requests/{requestId}", true));

    private static ApiSpec api(double rate, int burst, List<MethodThrottle> methods) {
        return new ApiSpec("Api", "v1", rate, burst, null, List.of(), methods, Map.of());
    }

    @Test
    void aMethodsOwnThrottle_replacesTheStages_forThatMethodOnly() {
        Throttles throttles = new Throttles(api(1, 1, List.of(new MethodThrottle("/events/{eventId}/participations", "POST",
                1, 3))), List.of(ingest, status), 0, 0, 0);

        assertThat(List.of(throttles.admit(ingest, 0), throttles.admit(ingest, 0), throttles.admit(ingest, 0),
                throttles.admit(ingest, 0))).containsExactly(true, true, true, false);
        assertThat(List.of(throttles.admit(status, 0), throttles.admit(status, 0))).containsExactly(true, false);
        assertThat(throttles.admit(status, SECOND)).as("refilled at the stage's rate").isTrue();
    }

    @Test
    void theAccountThrottle_comesFirst_andCountsWhatItRefuses() {
        Throttles throttles = new Throttles(api(10, 10, List.of()), List.of(ingest), 1, 2, 0);

        List<Boolean> admitted = List.of(throttles.admit(ingest, 0), throttles.admit(ingest, 0), throttles.admit(ingest, 0));

        assertThat(admitted).containsExactly(true, true, false);
        assertThat(throttles.accountThrottled()).isEqualTo(1);
    }

    @Test
    void withoutAnyThrottle_everyRequestGoesOn() {
        Throttles throttles = new Throttles(api(0, 0, List.of()), List.of(ingest), 0, 0, 0);

        for (int i = 0; i < 1000; i++) {
            assertThat(throttles.admit(ingest, 0)).isTrue();
        }
        assertThat(throttles.accountThrottled()).isZero();
    }
}
