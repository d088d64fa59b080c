package com.rushgate.local.gateway;

import com.rushgate.local.template.WebAclSpec;
import com.rushgate.local.template.WebAclSpec.Block;
import com.rushgate.local.template.WebAclSpec.RateRule;
import com.rushgate.local.template.WebAclSpec.WafRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web ACL's rate-based rules in front of the local gateway. Each rule keeps a token bucket
 * per key (client IP or header value) holding {@code Limit} requests and refilling {@code Limit}
 * per evaluation window: the same budget as WAF's count over a trailing window, but enforced at
 * once, where WAF notices a burst within some seconds.
 */
final class WafEmulator {

    /** Above this many keys in one rule, keys whose bucket is full again are dropped. */
    private static final int EVICT_ABOVE = 50_000;

    private final WebAclSpec spec;
    private final Map<RateRule, ConcurrentHashMap<String, TokenBucket>> buckets = new LinkedHashMap<>();

    WafEmulator(WebAclSpec spec) {
        this.spec = spec;
        spec.rateRules().forEach(rule -> buckets.put(rule, new ConcurrentHashMap<>()));
    }

    /** The block of the first rule over its limit for this request, if any. */
    Optional<Block> evaluate(WafRequest request, long nowNanos) {
        for (RateRule rule : spec.rateRules()) {
            String key = rule.key(request);
            if (key == null) {
                continue;
            }
            ConcurrentHashMap<String, TokenBucket> perKey = buckets.get(rule);
            if (perKey.size() > EVICT_ABOVE) {
                perKey.values().removeIf(bucket -> bucket.isFull(nowNanos));
            }
            TokenBucket bucket = perKey.computeIfAbsent(key,
                    k -> new TokenBucket((double) rule.limit() / rule.windowSeconds(), (int) Math.min(rule.limit(),
                            Integer.MAX_VALUE), nowNanos));
            if (!bucket.tryTake(nowNanos)) {
                return Optional.of(rule.block());
            }
        }
        return Optional.empty();
    }
}
