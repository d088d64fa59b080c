package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.local.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeIT {

    @Test
    void aParticipationGoesThrough() throws Exception {
        try (LocalStack stack = TestStacks.start(Map.of())) {
            TestStacks.events(stack).create(Event.create("smoke", EventType.FCFS, 5, Instant.now().minusSeconds(60), null));
            String token = stack.issuer().orElseThrow().token("alice", Duration.ofHours(1));
            HttpClient http = HttpClient.newHttpClient();
            URI api = stack.apiEndpoint().orElseThrow();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(api.resolve("/events/smoke/participations"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(posted.statusCode() + " " + posted.body());
            assertThat(posted.statusCode()).isEqualTo(202);
            String requestId = posted.body().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(api.resolve("/requests/" + requestId))
                        .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
                System.out.println(status.statusCode() + " " + status.body());
                assertThat(status.body()).contains("SUCCEEDED");
            });
        }
    }
}
