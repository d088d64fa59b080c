package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Rushgate's one Lambda {@link Context}, for every invocation the managed runtime does not make:
 * SnapStart priming calls ({@link #priming}), the local stack's invocations ({@link #local}) and
 * direct calls of a handler in tests ({@link #direct}). The time left counts down to a deadline
 * set when the context is made, as Lambda's does.
 *
 * <p>It uses nothing but aws-lambda-java-core, the one library the local stack shares with the
 * functions it loads: a context the stack makes from its own copy of this class is a
 * {@code Context} to every function.
 */
public final class InvocationContext implements Context {

    private static final String PRIMING = "snapstart-priming";
    private static final Duration PRIMING_TIME = Duration.ofSeconds(10);
    private static final Duration DIRECT_TIME = Duration.ofSeconds(30);

    private final String requestId;
    private final String functionName;
    private final String functionVersion;
    private final String functionArn;
    private final String logGroupName;
    private final String logStreamName;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    private InvocationContext(String requestId, String functionName, String functionVersion, String functionArn,
                              String logGroupName, String logStreamName, int memoryMb, long deadlineMillis,
                              LambdaLogger logger) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.functionVersion = functionVersion;
        this.functionArn = functionArn;
        this.logGroupName = logGroupName;
        this.logStreamName = logStreamName;
        this.memoryMb = memoryMb;
        this.deadlineMillis = deadlineMillis;
        this.logger = logger;
    }

    /**
     * A call of a priming run: a request id that says what it is in every log line
     * ({@code snapstart-priming-<function>-<call>}), the time a real invocation would have, and a
     * logger that writes nothing.
     *
     * @param call which call of the priming run this is, so that a replay can be told from a first call
     */
    public static InvocationContext priming(String function, int call) {
        return new InvocationContext(PRIMING + "-" + function + "-" + call, function, PRIMING, PRIMING, PRIMING,
                PRIMING, 0, deadlineIn(PRIMING_TIME), Silent.INSTANCE);
    }

    /**
     * An invocation in the local stack: the function's name, ARN, memory and deadline; the function's
     * log is its standard output, which the stack routes per function.
     */
    public static InvocationContext local(String requestId, String functionName, String functionArn, int memoryMb,
                                          long deadlineMillis) {
        return new InvocationContext(requestId, functionName, "$LATEST", functionArn, "/aws/lambda/" + functionName,
                "local/" + functionName, memoryMb, deadlineMillis, Stdout.INSTANCE);
    }

    /** A handler called directly, outside any runtime (tests): a fresh request id, 30 s, no log. */
    public static InvocationContext direct() {
        return direct(UUID.randomUUID().toString());
    }

    /** {@link #direct()} with the given request id. */
    public static InvocationContext direct(String requestId) {
        return new InvocationContext(requestId, "test", "$LATEST", "arn:aws:lambda:us-east-1:000000000000:function:test",
                "/aws/lambda/test", "test", 1024, deadlineIn(DIRECT_TIME), Silent.INSTANCE);
    }

    private static long deadlineIn(Duration time) {
        return System.currentTimeMillis() + time.toMillis();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Drops what the function logs through the context (priming, tests). */
    private enum Silent implements LambdaLogger {
        INSTANCE;

        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    }

    /** Lambda's logger writes to the function's log; in the local stack that is the routed stdout. */
    private enum Stdout implements LambdaLogger {
        INSTANCE;

        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    }
}
