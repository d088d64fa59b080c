package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.it.ApiClient.Reply;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel.ApiRoute;
import com.rushgate.local.template.StackModel.RouteAuth;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every route of the operators' API over HTTP on the local stack: the template declares each with
 * AWS_IAM, an unsigned request is refused by the gateway before the Admin function runs, and a
 * request signed with the operator key reaches it.
 */
class AdminRoutesIT {

    /** The admin contract's routes, with a body each accepts or refuses by its own rules. */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("POST /admin/events", "{}"),
            Map.entry("GET /admin/events", ""),
            Map.entry("GET /admin/events/{eventId}", ""),
            Map.entry("PATCH /admin/events/{eventId}", "{\"reseed\":true}"),
            Map.entry("DELETE /admin/events/{eventId}", ""),
            Map.entry("POST /admin/events/{eventId}/close", "{}"),
            Map.entry("POST /admin/events/{eventId}/restock", "{\"units\":1}"),
            Map.entry("POST /admin/events/{eventId}/draw", "{}"),
            Map.entry("GET /admin/events/{eventId}/winners", ""),
            Map.entry("GET /admin/dlq", ""),
            Map.entry("POST /admin/redrive", "{\"dryRun\":true,\"eventId\":\"none\"}"));

    private final LocalStack stack = SharedStack.get();
    private final ApiClient api = new ApiClient(stack);

    private Reply send(String method, String path, String body, boolean signed) {
        URI uri = api.base().resolve(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"));
        if (signed) {
            headers = new SigV4Signing(stack.options().region(), Clock.systemUTC()).sign(method, uri, headers, bytes,
                    SigV4Signing.credentials(stack.operatorKey().orElseThrow()));
        }
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return api.send(request);
    }

    @Test
    void everyAdminRoute_isAwsIam_refusedUnsigned_andReachesTheFunctionSigned() {
        List<ApiRoute> admin = stack.model().routes().stream().filter(r -> r.pathTemplate().startsWith("/admin")).toList();
        String function = admin.get(0).functionId();
        String eventId = SharedStack.newEventId("no-such");

        assertThat(admin).extracting(r -> r.method() + " " + r.pathTemplate()).containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
        assertThat(admin).allSatisfy(route -> assertThat(route.auth()).isEqualTo(RouteAuth.AWS_IAM));
        for (Map.Entry<String, String> route : ROUTES.entrySet()) {
            String[] parts = route.getKey().split(" ");
            String path = parts[1].replace("{eventId}", eventId);
            long before = stack.function(function).invocations();

            Reply unsigned = send(parts[0], path, route.getValue(), false);
            long afterUnsigned = stack.function(function).invocations();
            // Lambda may throttle while the function's first environment starts (429, no invocation): asked again.
            AtomicReference<Reply> answered = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> answered.updateAndGet(r -> send(parts[0], path, route.getValue(), true)).status() != 429);
            Reply signed = answered.get();

            assertThat(unsigned.status()).as(route.getKey() + " unsigned").isEqualTo(403);
            assertThat(unsigned.errorCode()).as(route.getKey() + " unsigned").isEqualTo("MISSING_AUTHENTICATION_TOKEN");
            assertThat(unsigned.raw().headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
            assertThat(afterUnsigned).as(route.getKey() + ": the function never saw the unsigned request").isEqualTo(before);
            assertThat(signed.status()).as(route.getKey() + " signed: " + signed.body()).isNotEqualTo(403).isLessThan(500);
            assertThat(stack.function(function).invocations()).as(route.getKey() + " signed: " + signed.status())
                    .isEqualTo(before + 1);
        }
    }
}
