package com.rushgate.local.stack;

import com.rushgate.local.limits.LimitsCounters;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run under the AWS limits reports (demo and bench summaries): whether they were on, the
 * DynamoDB write units one accepted participation cost (the request table with its indexes, from
 * the limits' own ConsumedCapacity pricing, so exact and independent of the machine), the throttled calls, the transaction conflicts and the Lambda throttles.
 */
public final class LimitsSummary {

    private LimitsSummary() {
    }

    /** The counters between two snapshots of one stack, per participation accepted in between. */
    public static Map<String, Object> of(LocalStack stack, LimitsCounters.Snapshot before, LimitsCounters.Snapshot after,
                                         long acceptedParticipations) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("awsLimits", stack.awsLimits().isPresent());
        if (stack.awsLimits().isEmpty()) {
            return summary;
        }
        List<String> tables = List.of(stack.model().functionVariable("REQUEST_TABLE"));
        double units = after.writeUnitsOf(tables) - before.writeUnitsOf(tables);
        // A BigDecimal: the bench's report rounds doubles to one decimal, and 0.05 must stay 0.05.
        summary.put("limitsScale", BigDecimal.valueOf(stack.awsLimits().get().scale()));
        summary.put("concurrencyScale", BigDecimal.valueOf(stack.awsLimits().get().concurrencyScale()));
        summary.put("writeUnitsPerParticipation", acceptedParticipations == 0 ? 0.0
                : Math.round(units / acceptedParticipations * 100) / 100.0);
        summary.put("throttledRequests", after.throttledRequests() - before.throttledRequests());
        summary.put("transactionConflicts", after.transactionConflicts() - before.transactionConflicts());
        summary.put("lambdaThrottles", after.lambdaThrottles() - before.lambdaThrottles());
        summary.put("apiThrottles", after.apiThrottles() - before.apiThrottles());
        return summary;
    }

    /** Since the stack started. */
    public static Map<String, Object> of(LocalStack stack, long acceptedParticipations) {
        return of(stack, LimitsCounters.Snapshot.NONE, stack.limitsCounters(), acceptedParticipations);
    }
}
