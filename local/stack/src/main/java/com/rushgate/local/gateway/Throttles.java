package com.rushgate.local.gateway;

import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.MethodThrottle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API Gateway's throttles for one stage, in its order: the account's (every API of the Region),
 * then the method's own setting, or else the stage's. A refused request gets 429. Thread-safe.
 */
final class Throttles {

    private final TokenBucket account;
    private final TokenBucket stage;
    private final Map<Route, TokenBucket> methods = new HashMap<>();
    private final AtomicLong accountThrottled = new AtomicLong();

    /**
     * @param accountRate  requests per second of the account, or 0 for none
     * @param accountBurst the account's bucket size, or 0 for none
     */
    Throttles(ApiSpec api, List<Route> routes, double accountRate, int accountBurst, long nowNanos) {
        this.account = accountRate > 0 && accountBurst > 0 ? new TokenBucket(accountRate, accountBurst, nowNanos) : null;
        this.stage = api.throttleRate() > 0 && api.throttleBurst() > 0
                ? new TokenBucket(api.throttleRate(), api.throttleBurst(), nowNanos) : null;
        for (Route route : routes) {
            MethodThrottle own = api.methodThrottle(route.route().pathTemplate(), route.route().method());
            if (own != null) {
                methods.put(route, new TokenBucket(own.rate(), own.burst(), nowNanos));
            }
        }
    }

    /** Whether a request for the route may go on; takes a token from each throttle it passes. */
    boolean admit(Route route, long nowNanos) {
        if (account != null && !account.tryTake(nowNanos)) {
            accountThrottled.incrementAndGet();
            return false;
        }
        TokenBucket bucket = methods.getOrDefault(route, stage);
        return bucket == null || bucket.tryTake(nowNanos);
    }

    /** Requests refused by the account throttle. */
    long accountThrottled() {
        return accountThrottled.get();
    }
}
