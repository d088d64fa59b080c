package com.rushgate.local.stack;

import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.pipes.LocalDeliveryStream;
import com.rushgate.local.pipes.ShardCheckpoints;
import com.rushgate.local.pipes.StreamPipe;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.PipeSpec;
import com.rushgate.local.template.StackModel.ScheduleTrigger;
import com.rushgate.local.template.StackModel.SqsTrigger;
import com.rushgate.local.template.StackModel.StreamTrigger;
import com.rushgate.local.triggers.Scheduler;
import com.rushgate.local.triggers.SqsPoller;
import com.rushgate.local.triggers.StreamPoller;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What invokes the functions besides the API, as the template declares it: a poller per enabled
 * SQS trigger and per enabled DynamoDB stream trigger, the schedules, and the running pipes from the
 * tables' streams into the local lake.
 */
final class EventSources {

    /** How often an idle pipe or stream trigger asks each shard for new records. */
    private static final Duration PIPE_POLL_INTERVAL = Duration.ofMillis(500);

    private final StackModel model;
    private final LocalClients clients;
    private final Path lake;
    private final List<SqsPoller> pollers = new ArrayList<>();
    private final List<StreamPipe> pipes = new ArrayList<>();
    private final List<StreamPoller> streamPollers = new ArrayList<>();

    private EventSources(StackModel model, LocalClients clients, Path lake) {
        this.model = model;
        this.clients = clients;
        this.lake = lake;
    }

    /** A stack that runs no triggers (a single invoke). */
    static EventSources none(StackModel model, LocalClients clients) {
        return new EventSources(model, clients, null);
    }

    /**
     * @param quotas Lambda's quotas the pollers meet, or null without the AWS limits
     * @param lake   the folder of the template's buckets, where the pipes deliver
     */
    static EventSources start(StackModel model, StackOptions options, Function<String, FunctionPool> functions,
                              LocalClients clients, LambdaQuotas quotas, Path lake, Resources resources) {
        EventSources sources = new EventSources(model, clients, lake);
        for (SqsTrigger trigger : model.sqsTriggers()) {
            if (trigger.enabled()) {
                sources.pollers.add(resources.track(new SqsPoller(trigger, model.queue(trigger.queueLogicalId()),
                        functions.apply(trigger.functionId()), clients.sqs(), options.region(), quotas)));
            }
        }
        for (StreamTrigger trigger : model.streamTriggers()) {
            if (trigger.enabled()) {
                // Checkpoints beside the pipes': a restarted stack with its state goes on where it stopped.
                sources.streamPollers.add(resources.track(new StreamPoller(trigger, functions.apply(trigger.functionId()),
                        clients.streams(), options.region(), new ShardCheckpoints(lake.resolve("checkpoints")
                                .resolve(trigger.functionId() + "." + trigger.eventName()), trigger.sourceArn()),
                        PIPE_POLL_INTERVAL)));
            }
        }
        for (ScheduleTrigger schedule : model.schedules()) {
            resources.track(new Scheduler(schedule, functions.apply(schedule.functionId()), options.region(),
                    "arn:aws:events:" + options.region() + ":" + LocalNames.ACCOUNT_ID + ":rule/"
                            + schedule.functionId() + "-" + schedule.eventName()));
        }
        for (PipeSpec pipe : model.pipes()) {
            if (pipe.running()) {
                sources.pipes.add(resources.track(sources.openPipe(pipe)));
            }
        }
        return sources;
    }

    /** A new instance of a pipe on this stack's lake and checkpoints; the caller closes it. */
    StreamPipe openPipe(PipeSpec pipe) {
        if (lake == null) {
            throw new IllegalStateException("this stack runs no triggers, so no pipes");
        }
        LocalDeliveryStream delivery = new LocalDeliveryStream(model.deliveryStream(pipe.deliveryStreamId()), lake,
                Clock.systemUTC());
        String deadLetterQueue = pipe.deadLetterQueueId() == null ? null : model.queue(pipe.deadLetterQueueId()).url();
        return new StreamPipe(pipe, delivery, clients.streams(), clients.sqs(), deadLetterQueue,
                new ShardCheckpoints(lake.resolve("checkpoints").resolve(pipe.logicalId()), pipe.sourceArn()),
                Clock.systemUTC(), PIPE_POLL_INTERVAL);
    }

    List<SqsPoller> pollers() {
        return List.copyOf(pollers);
    }

    List<StreamPipe> pipes() {
        return List.copyOf(pipes);
    }

    List<StreamPoller> streamPollers() {
        return List.copyOf(streamPollers);
    }

}
