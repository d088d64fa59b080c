package com.rushgate.local.lambda;

import com.rushgate.local.limits.LambdaQuotas;

/**
 * Puts something invocable behind one function's Lambda quota: an invoke the quota refuses is
 * answered as Lambda answers a throttle, without running; an admitted one holds its permit until
 * it returns.
 */
public final class QuotaInvoker implements Invoker {

    private final Invoker target;
    private final LambdaQuotas.FunctionQuota quota;

    public QuotaInvoker(Invoker target, LambdaQuotas.FunctionQuota quota) {
        this.target = target;
        this.quota = quota;
    }

    @Override
    public Invocation invoke(byte[] payload) {
        if (!quota.tryEnter()) {
            return Invocation.throttled();
        }
        try {
            return target.invoke(payload);
        } finally {
            quota.exit();
        }
    }
}
