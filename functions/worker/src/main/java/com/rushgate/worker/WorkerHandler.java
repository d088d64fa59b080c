package com.rushgate.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.rushgate.core.app.DecideEntriesUseCase;
import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.ProcessRequestUseCase;
import com.rushgate.core.app.WorkOutcome;
import com.rushgate.core.app.port.Redelivery;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.PowertoolsMetrics;
import com.rushgate.core.lambda.SnapStartPriming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Drains the main queue. Each record goes to its use case on a bounded pool: a participation's
 * message to {@link ProcessRequestUseCase}, a chunk of a raffle's decisions to
 * {@link DecideEntriesUseCase}. The answer lists only the records to deliver again
 * ({@code batchItemFailures}), so SQS deletes the rest.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);
    /** Records still running this close to the deadline are reported as failures, not lost. */
    private static final long DEADLINE_MARGIN_MS = 1_000;
    /** Redelivery after 1, 2, 4, 8 ... seconds, at most this. */
    private static final long MAX_REDELIVERY_SECONDS = 20;

    private final ProcessRequestUseCase useCase;
    private final DecideEntriesUseCase entries;
    private final ExecutorService pool;
    private final PowertoolsMetrics metrics;
    private final Redelivery redelivery;

    /**
     * What Lambda calls: builds everything from the environment, once per container, and registers
     * the SnapStart hooks ({@link WorkerPriming}).
     */
    public WorkerHandler() {
        this(WorkerWiring.fromEnvironment(Env.current()));
    }

    private WorkerHandler(WorkerWiring wiring) {
        this(wiring.useCase(), wiring.entries(), wiring.pool(), wiring.metrics(), wiring.redelivery());
        SnapStartPriming.register(wiring.priming());
    }

    WorkerHandler(ProcessRequestUseCase useCase, DecideEntriesUseCase entries, ExecutorService pool,
                  PowertoolsMetrics metrics, Redelivery redelivery) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                return new SQSBatchResponse(failures(event.getRecords(), context));
            } finally {
                metrics.publish();
            }
        });
    }

    private List<SQSBatchResponse.BatchItemFailure> failures(List<SQSMessage> records, Context context) {
        List<SQSMessage> batch = records == null ? List.of() : records;
        long deadline = System.currentTimeMillis() + Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS);
        List<Future<WorkOutcome>> outcomes = new ArrayList<>(batch.size());
        for (SQSMessage record : batch) {
            // A record that starts late, behind others on the pool, has less time: it must be done by the deadline.
            outcomes.add(pool.submit(() -> process(record,
                    Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis())))));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!acknowledged(outcomes.get(i), deadline, batch.get(i).getMessageId())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(batch.get(i).getMessageId()));
                comeBackSoon(batch.get(i));
            }
        }
        return failures;
    }

    /** A message given back is delivered again in seconds, not after the queue's visibility timeout. */
    private void comeBackSoon(SQSMessage record) {
        if (record.getReceiptHandle() == null) {
            return;
        }
        int receives = WorkItems.receiveCount(record);
        Duration after = Duration.ofSeconds(Math.min(MAX_REDELIVERY_SECONDS, 1L << Math.min(receives - 1, 10)));
        try {
            redelivery.soon(record.getReceiptHandle(), after);
        } catch (RuntimeException e) {
            LOG.warn("message {} comes back after the visibility timeout: {}", record.getMessageId(), e.getMessage());
        }
    }

    private WorkOutcome process(SQSMessage record, Duration budget) {
        MDC.put("messageId", record.getMessageId());
        // Correlation with Ingest's and Status's logs; the attributes are ours (see SqsWorkQueue), never personal data.
        correlate(record, "requestId");
        correlate(record, "eventId");
        try {
            Optional<DrawDecisions> chunk = WorkItems.decisions(record);
            return chunk.isPresent() ? entries.decide(chunk.get(), budget) : useCase.process(WorkItems.of(record), budget);
        } finally {
            MDC.clear();
        }
    }

    private static void correlate(SQSMessage record, String attribute) {
        SQSEvent.MessageAttribute value = record.getMessageAttributes() == null ? null
                : record.getMessageAttributes().get(attribute);
        if (value != null && value.getStringValue() != null) {
            MDC.put(attribute, value.getStringValue());
        }
    }

    private static boolean acknowledged(Future<WorkOutcome> outcome, long deadline, String messageId) {
        try {
            long wait = Math.max(0, deadline - System.currentTimeMillis());
            return outcome.get(wait, TimeUnit.MILLISECONDS).acknowledged();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            // A bug or a timeout in one record fails that record only; SQS delivers it again.
            LOG.error("message {} failed unexpectedly", messageId, e);
            outcome.cancel(true);
            return false;
        }
    }
}
