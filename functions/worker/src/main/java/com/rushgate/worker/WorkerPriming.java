package com.rushgate.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.rushgate.core.app.AllocationPolicy;
import com.rushgate.core.app.CachedEventCatalog;
import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.OrderedAllocation;
import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.WorkerPolicy;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.aws.WorkMessages;
import com.rushgate.core.domain.DecisionRules;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The worker's SnapStart hooks. Priming runs the AWS reads and rehearsed writes the wiring gives, then
 * the handler on a batch of two records for the priming request ({@link PrimingPorts}): its message,
 * parsed, decided on the worker pool (claimed, event open, sold out, rejected) and acknowledged; and a
 * chunk of raffle decisions naming it, which finds it decided already. No write, nothing sent to the
 * DLQ. After a restore, the event cache starts empty.
 */
final class WorkerPriming {

    static final String FUNCTION = "worker";

    /** What priming needs of the worker: the same objects the handler uses. */
    record Parts(RequestStore requests, CachedEventCatalog events, WorkerPolicy policy, AllocationPolicy allocation,
                 Clock clock, ExecutorService pool, PowertoolsMetrics metrics) {
    }

    private WorkerPriming() {
    }

    /**
     * @param awsScope makes the SDK clients read-only for the run ({@code AwsClients::primingScope})
     * @param awsSteps read-only calls and rehearsed writes on the tables and the DLQ
     */
    static SnapStartPriming create(Parts parts, Consumer<Runnable> awsScope, List<SnapStartPriming.Step> awsSteps) {
        RequestStore requests = PrimingPorts.requests(parts.requests());
        OrderedAllocation allocation = new OrderedAllocation(requests, PrimingPorts.arrivals(), PrimingPorts.ledger(),
                parts.allocation(), parts.clock(), duration -> { }, () -> "snapstart-priming", parts.metrics());
        WorkerHandler twin = new WorkerHandler(new ProcessRequestUseCase(requests,
                PrimingPorts.events(parts.events()), allocation, PrimingPorts.queue(), PrimingPorts.deadLetters(),
                new DecisionRules(), parts.policy(), parts.clock(), parts.metrics()),
                new DecideEntriesUseCase(requests, parts.clock(), duration -> { }, parts.metrics()), parts.pool(),
                parts.metrics(),
                (receipt, after) -> {
                    throw new PrimingPorts.WriteRefused("give message " + receipt + " back");
                });
        return SnapStartPriming.builder(FUNCTION)
                .around(awsScope)
                .around(parts.metrics()::silenced)
                .steps(awsSteps)
                .step("batch with the priming request, decided and acknowledged", () -> {
                    SQSBatchResponse response = twin.handleRequest(batch(), InvocationContext.priming(FUNCTION, 1));
                    if (!response.getBatchItemFailures().isEmpty()) {
                        throw new IllegalStateException("the priming records were not acknowledged: "
                                + response.getBatchItemFailures().size() + " failed");
                    }
                })
                .step("metrics logger", parts.metrics()::prime)
                .afterRestore("forget cached events", parts.events()::clear)
                .build();
    }

    private static SQSEvent batch() {
        DrawDecisions decisions = new DrawDecisions(PrimingPorts.EVENT_ID, PrimingPorts.ACCEPTED_AT,
                List.of(new EntryDecision(PrimingPorts.REQUEST_ID, PrimingPorts.ACCEPTED_AT, EntryDecision.Verdict.NOT_DRAWN)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record("snapstart-priming", WorkMessages.encode(PrimingPorts.message())),
                record("snapstart-priming-decisions", WorkMessages.encode(decisions))));
        return event;
    }

    private static SQSEvent.SQSMessage record(String messageId, String body) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(messageId);
        record.setReceiptHandle(messageId);
        record.setBody(body);
        record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        record.setEventSource("aws:sqs");
        return record;
    }
}
