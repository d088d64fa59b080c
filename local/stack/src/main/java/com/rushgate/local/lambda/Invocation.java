package com.rushgate.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The outcome of one invocation, as Lambda reports it.
 *
 * @param payload      the function's response bytes (on success) or Lambda's error JSON (on failure)
 * @param errorType    null on success; the exception class, "Function.TimedOut" or "TooManyRequestsException"
 * @param coldStart    whether a new execution environment was started for it
 * @param duration     how long the handler ran
 */
public record Invocation(byte[] payload, String errorType, boolean coldStart, Duration duration) {

    public static final String TIMED_OUT = "Function.TimedOut";
    public static final String THROTTLED = "TooManyRequestsException";

    /** What Lambda answers an invoke it throttles: TooManyRequestsException, no function ran. */
    public static Invocation throttled() {
        return new Invocation(("{\"errorType\":\"" + THROTTLED + "\",\"errorMessage\":\"Rate Exceeded.\"}")
                .getBytes(StandardCharsets.UTF_8), THROTTLED, false, Duration.ZERO);
    }

    public boolean succeeded() {
        return errorType == null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
