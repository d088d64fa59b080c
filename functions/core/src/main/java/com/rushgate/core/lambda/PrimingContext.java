package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda Context of a priming call: a request id that says what it is in every log line
 * (function_request_id), and the time a real invocation would have.
 */
public final class PrimingContext implements Context {

    private static final int REMAINING_MILLIS = 10_000;

    private final String function;
    private final String requestId;

    /** @param call which call of the priming run this is, so that a replay can be told from a first call */
    public PrimingContext(String function, int call) {
        this.function = function;
        this.requestId = "snapstart-priming-" + function + "-" + call;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "snapstart-priming";
    }

    @Override
    public String getLogStreamName() {
        return "snapstart-priming";
    }

    @Override
    public String getFunctionName() {
        return function;
    }

    @Override
    public String getFunctionVersion() {
        return "snapstart-priming";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "snapstart-priming";
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
        return REMAINING_MILLIS;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 0;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };
    }
}
