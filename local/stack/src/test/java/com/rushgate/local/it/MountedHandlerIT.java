package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.gateway.MountedHandler;
import com.rushgate.local.stack.LocalStack;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Handlers mounted beside the API on the gateway's port: what reaches them and what they may not hide. */
class MountedHandlerIT {

    private static LocalStack stack;
    private static ApiClient api;
    private static final List<MountedHandler.Call> CALLS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void mount() {
        stack = SharedStack.get();
        api = new ApiClient(stack);
        stack.mount("/probe-page", call -> {
            CALLS.add(call);
            return new MountedHandler.Reply(200, Map.of("Content-Type", "text/plain", "Cache-Control", "no-store"),
                    ("seen " + call.method() + " " + call.path()).getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void requestUnderThePrefix_isAnsweredByTheHandler_withItsQueryHeadersAndBody() {
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.base().resolve("/probe-page/api/x?max=5"))
                .header("X-Probe", "yes").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("seen POST /probe-page/api/x");
        assertThat(reply.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        MountedHandler.Call call = CALLS.get(CALLS.size() - 1);
        assertThat(call.query()).isEqualTo("max=5");
        assertThat(call.header("x-probe")).isEqualTo("yes");
        assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void pathThatOnlyStartsLikeThePrefix_stillGoesToTheApi() {
        int before = CALLS.size();

        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.base().resolve("/probe-pages")).GET());

        assertThat(CALLS).hasSize(before);
        assertThat(reply.status()).isIn(403, 404);
        assertThat(reply.raw().headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void mount_overAnApiRoute_isRefused() {
        assertThatThrownBy(() -> stack.mount("/events", call -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/events/{eventId}");
        assertThatThrownBy(() -> stack.mount("/console/", call -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
