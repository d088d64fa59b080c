package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.template.StackModel.SqsTrigger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqsTriggerReaderTest {

    @TempDir
    Path dir;

    private List<SqsTrigger> read(String functions) {
        TemplateFixture fixture = TemplateFixture.of(dir, """
                Resources:
                  Jobs:
                    Type: AWS::SQS::Queue
                """ + functions);
        return SqsTriggerReader.read(fixture.template(), fixture.names(), fixture.events());
    }

    @Test
    void aBareSqsEvent_getsLambdasDefaults() {
        List<SqsTrigger> triggers = read("""
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        FromJobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Jobs.Arn
                """);

        assertThat(triggers).containsExactly(new SqsTrigger("Fn", "FromJobs", "Jobs", 10, 0, 5, false, true));
    }

    @Test
    void theTemplatesSettingsAreRead_andReservedConcurrencyIsTheDefaultMaximum() {
        List<SqsTrigger> triggers = read("""
                  Tuned:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        FromJobs:
                          Type: SQS
                          Properties:
                            Queue: !Ref Jobs
                            BatchSize: 25
                            MaximumBatchingWindowInSeconds: 2
                            FunctionResponseTypes: [ReportBatchItemFailures]
                            ScalingConfig:
                              MaximumConcurrency: 7
                            Enabled: false
                  Reserved:
                    Type: AWS::Serverless::Function
                    Properties:
                      ReservedConcurrentExecutions: 4
                      Events:
                        FromJobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Jobs.Arn
                        Hourly:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 hour)
                """);

        assertThat(triggers).containsExactly(new SqsTrigger("Tuned", "FromJobs", "Jobs", 25, 2, 7, true, false),
                new SqsTrigger("Reserved", "FromJobs", "Jobs", 10, 0, 4, false, true));
    }

    @Test
    void aQueueOutsideTheTemplate_isRefused() {
        assertThatThrownBy(() -> read("""
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Elsewhere:
                          Type: SQS
                          Properties:
                            Queue: arn:aws:sqs:us-east-1:111111111111:Other
                """)).hasMessageContaining("arn:aws:sqs:us-east-1:111111111111:Other");
    }
}
