package com.rushgate.tally;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.config.Env;
import com.rushgate.core.lambda.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The RequestTable stream's consumer: adds each batch (one shard's records, with the shardId a
 * tumbling window adds) to the events' counters in the CountsTable, and answers
 * {@code {"state":{},"batchItemFailures":[...]}}: empty when everything was applied, else the
 * earliest record to deliver again (a window's answer must carry {@code state}; this one keeps
 * none). A batch that is not a stream batch fails the invocation.
 */
public final class TallyHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tally tally;

    /** What Lambda calls: builds everything from the environment, once per container, and registers the SnapStart hooks. */
    public TallyHandler() {
        this(TallyWiring.fromEnvironment(Env.current()));
    }

    private TallyHandler(TallyWiring wiring) {
        this(wiring.tally());
        SnapStartPriming.register(wiring.priming());
    }

    TallyHandler(Tally tally) {
        this.tally = Objects.requireNonNull(tally, "tally");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        Tally.Outcome outcome = PowertoolsLogging.withLogging(context, () -> tally.apply(StreamBatch.parse(payload)));
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("state");
        var failures = answer.putArray("batchItemFailures");
        if (outcome.firstFailure() != null) {
            failures.addObject().put("itemIdentifier", outcome.firstFailure());
        }
        output.write(JSON.writeValueAsBytes(answer));
    }
}
