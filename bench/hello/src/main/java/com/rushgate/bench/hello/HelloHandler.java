package com.rushgate.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Answers every event with a greeting; what a Java function costs before it does anything. */
public final class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("hello", "world", "keys", input == null ? 0 : input.size());
    }
}
