package com.rushgate.local.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.lambda.Invocation;
import com.rushgate.local.template.StackModel.ScheduleTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge's rate schedules: invokes the function every period with a "Scheduled Event", or
 * with the trigger's Input when it has one. Cron expressions are not run locally (logged once).
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduledExecutorService timer;
    private final AtomicLong runs = new AtomicLong();

    public Scheduler(ScheduleTrigger trigger, FunctionPool function, String region, String ruleArn) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schedule-" + trigger.functionId());
            thread.setDaemon(true);
            return thread;
        });
        if (!trigger.enabled()) {
            return;
        }
        if (trigger.rate() == null) {
            LOG.warn("{}.{}: schedule '{}' is not a rate(); the local stack does not run it", trigger.functionId(),
                    trigger.eventName(), trigger.expression());
            return;
        }
        long period = trigger.rate().toMillis();
        timer.scheduleAtFixedRate(() -> run(trigger, function, region, ruleArn), period, period, TimeUnit.MILLISECONDS);
    }

    public long runs() {
        return runs.get();
    }

    private void run(ScheduleTrigger trigger, FunctionPool function, String region, String ruleArn) {
        try {
            String payload = trigger.input() != null ? trigger.input() : scheduledEvent(region, ruleArn);
            Invocation invocation = function.invoke(payload.getBytes(StandardCharsets.UTF_8));
            runs.incrementAndGet();
            if (!invocation.succeeded()) {
                LOG.warn("scheduled {} failed: {}", trigger.functionId(), invocation.payloadText());
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduled {} could not run: {}", trigger.functionId(), e.toString());
        }
    }

    /** The event a scheduled EventBridge rule delivers to its target function. */
    public static String scheduledEvent(String region, String ruleArn) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        return event.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
