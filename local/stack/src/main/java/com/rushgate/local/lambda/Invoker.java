package com.rushgate.local.lambda;

/** Something the gateway and the triggers can invoke like a Lambda function: bytes in, an invocation out. */
public interface Invoker {

    /** Runs once; a throttle or a function error is reported in the invocation, never thrown. */
    Invocation invoke(byte[] payload);
}
