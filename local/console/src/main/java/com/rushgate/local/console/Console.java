package com.rushgate.local.console;

import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The operators' console of a local stack: a live page of every event at {@code /console} on the
 * API's port, whose buttons call the admin API through the stack's own gateway, signed with the
 * local operator key ({@code <stateDir>/operator-key.json}, made if absent).
 */
public final class Console {

    private Console() {
    }

    /**
     * Serves the console on {@code stack}'s gateway from now on.
     *
     * @return the page's address, e.g. {@code http://127.0.0.1:3000/console}
     * @throws IllegalStateException if the stack serves no API
     */
    public static URI mount(LocalStack stack) {
        URI api = stack.apiEndpoint().orElseThrow(() -> new IllegalStateException("the stack serves no API"));
        OperatorKey key = OperatorKey.loadOrCreate(stack.options().stateDir());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        AdminProxy proxy = new AdminProxy(api, new SigV4Signing(stack.options().region(), Clock.systemUTC()), key, http);
        AnalyticsView analytics = new AnalyticsView(stack.model(), stack.lake().orElse(null), stack::flushPipes,
                Clock.systemUTC());
        stack.mount(ConsoleHandler.PREFIX, new ConsoleHandler(proxy, analytics, api.getPort()));
        return api.resolve(ConsoleHandler.PREFIX);
    }
}
