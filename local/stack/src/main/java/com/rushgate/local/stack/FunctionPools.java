package com.rushgate.local.stack;

import com.rushgate.local.chaos.Faults;
import com.rushgate.local.lambda.FunctionLogs;
import com.rushgate.local.lambda.FunctionPool;
import com.rushgate.local.limits.LambdaQuotas;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.FunctionSpec;
import com.rushgate.local.template.Template;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pool of execution environments per function of the template. Each environment gets what
 * Lambda puts in every function's environment, the template's variables and the endpoint
 * overrides; with the AWS limits, the pools meet Lambda's concurrency quotas.
 */
final class FunctionPools {

    /** How long an API call waits for a free execution environment before a 429. */
    private static final Duration ENVIRONMENT_WAIT = Duration.ofSeconds(10);
    /** Environments of one function initialising at once: more only fight over the cores. */
    private static final int PARALLEL_STARTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final StackModel model;
    private final String region;
    private final URI dynamoDb;
    private final URI sqs;
    private final URI s3;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final LambdaQuotas quotas;

    /**
     * @param dynamoDb the DynamoDB endpoint the functions call (the limits proxy when the limits are on)
     * @param s3       the local S3, or null when there is none (an attached stack whose running stack published none)
     */
    FunctionPools(Template template, StackModel model, LocalNames names, StackOptions options, URI dynamoDb, URI sqs,
                  URI s3, Resources resources) {
        this.model = model;
        this.region = options.region();
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.s3 = s3;
        this.quotas = options.awsLimits().map(limits -> new LambdaQuotas(limits, reservedConcurrency(template, model),
                System::nanoTime)).orElse(null);
        FunctionLogs logs = resources.track(new FunctionLogs(options.functionLogs()));
        for (FunctionSpec function : model.functions()) {
            pools.put(function.logicalId(), resources.track(new FunctionPool(function,
                    (String) names.getAtt(function.logicalId(), "Arn"), environment(function), logs, ENVIRONMENT_WAIT,
                    PARALLEL_STARTS, options.faultInjection() ? List.of(Faults.interceptorClassPath()) : List.of(),
                    quotas == null ? null : quotas.function(function.logicalId()))));
        }
    }

    /** The functions whose template sets ReservedConcurrentExecutions, with their (local) concurrency. */
    private static Map<String, Integer> reservedConcurrency(Template template, StackModel model) {
        Map<String, Integer> reserved = new LinkedHashMap<>();
        for (FunctionSpec function : model.functions()) {
            // Globals included, as SAM merges them.
            if (template.properties(function.logicalId()).containsKey("ReservedConcurrentExecutions")) {
                reserved.put(function.logicalId(), function.concurrency());
            }
        }
        return reserved;
    }

    /** What Lambda puts in every function's environment, plus the template's variables and the endpoint overrides. */
    Map<String, String> environment(FunctionSpec function) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
        if (s3 != null) {
            environment.put("AWS_ENDPOINT_URL_S3", s3.toString());
        }
        return environment;
    }

    Map<String, String> environment(String logicalId) {
        return environment(model.function(logicalId));
    }

    FunctionPool get(String logicalId) {
        FunctionPool pool = pools.get(logicalId);
        if (pool == null) {
            throw new IllegalArgumentException("template has no function " + logicalId + "; it has " + pools.keySet());
        }
        return pool;
    }

    Map<String, FunctionPool> all() {
        return Map.copyOf(pools);
    }

    Optional<LambdaQuotas> quotas() {
        return Optional.ofNullable(quotas);
    }
}
