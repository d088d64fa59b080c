package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationContextTest {

    @Test
    void priming_saysWhatItIsInTheRequestId_andHasTheTimeOfARealInvocation() {
        InvocationContext context = InvocationContext.priming("ingest", 2);

        assertThat(context.getAwsRequestId()).isEqualTo("snapstart-priming-ingest-2");
        assertThat(context.getFunctionName()).isEqualTo("ingest");
        assertThat(context.getRemainingTimeInMillis()).isBetween(1, 10_000);
    }

    @Test
    void direct_getsAFreshRequestIdEachTime_unlessGivenOne() {
        assertThat(InvocationContext.direct().getAwsRequestId()).isNotEqualTo(InvocationContext.direct().getAwsRequestId());
        assertThat(InvocationContext.direct("rq-1").getAwsRequestId()).isEqualTo("rq-1");
        assertThat(InvocationContext.direct().getRemainingTimeInMillis()).isBetween(1, 30_000);
    }

    @Test
    void local_carriesTheFunctionsNameMemoryAndDeadline_andHasNoTimeLeftPastIt() {
        InvocationContext context = InvocationContext.local("r-1", "WorkerFunction",
                "arn:aws:lambda:eu-west-1:000000000000:function:WorkerFunction", 512, System.currentTimeMillis() - 1);

        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/WorkerFunction");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(512);
        assertThat(context.getInvokedFunctionArn()).endsWith(":function:WorkerFunction");
        assertThat(context.getRemainingTimeInMillis()).isZero();
    }
}
